/** Writes a JSON document to stdout and resolves once it is flushed, even into a pipe. */
export function printJson(value: unknown): Promise<void> {
  return writeStdout(`${JSON.stringify(value, null, 2)}\n`);
}

export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** Writes a diagnostic line to stderr. */
export function note(text: string): void {
  process.stderr.write(`${text}\n`);
}
