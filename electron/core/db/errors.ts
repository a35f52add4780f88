/** The key given does not open the database file (or the file is not a database at all). */
export class DatabaseKeyError extends Error {
  readonly file: string;

  constructor(file: string, options?: { cause?: unknown }) {
    super(
      `The kiosk database ${file} cannot be opened with the key from the keystore: either the key is wrong ` +
        '(the keystore was replaced or restored from another machine) or the file is damaged.',
      options,
    );
    this.name = 'DatabaseKeyError';
    this.file = file;
  }
}

/** The database was written by a newer version of Kiot; an older one must not touch it. */
export class DatabaseVersionError extends Error {
  readonly databaseVersion: number;
  readonly codeVersion: number;

  constructor(databaseVersion: number, codeVersion: number) {
    super(
      `The kiosk database is at schema version ${databaseVersion}, newer than this build of Kiot understands ` +
        `(${codeVersion}). Install the newer Kiot build again instead of downgrading.`,
    );
    this.name = 'DatabaseVersionError';
    this.databaseVersion = databaseVersion;
    this.codeVersion = codeVersion;
  }
}
