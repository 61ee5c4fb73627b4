// cytoscape-cose-bilkent 4.1 ships no type declarations. Its default export is the extension
// function that `cytoscape.use` registers, adding the `cose-bilkent` layout.
declare module 'cytoscape-cose-bilkent' {
  import type { Ext } from 'cytoscape';

  const coseBilkent: Ext;
  export default coseBilkent;
}
