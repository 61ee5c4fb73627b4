// cytoscape-fcose 2.2 ships no type declarations. Its default export is the extension function
// that `cytoscape.use` registers, adding the `fcose` layout.
declare module 'cytoscape-fcose' {
  import type { Ext } from 'cytoscape';

  const fcose: Ext;
  export default fcose;
}
