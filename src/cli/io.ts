/** Where a CLI command writes; real streams in bin, buffers in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a file's bytes; rejects with a Node error (code ENOENT, EISDIR, …) when it cannot. */
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array | string): Promise<void>;
}

/** A CLI subcommand: takes the arguments after its name, returns the exit code. */
export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;
