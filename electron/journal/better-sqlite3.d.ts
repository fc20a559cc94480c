// Types for better-sqlite3 13, which ships none; @types/better-sqlite3 is not a dependency.
// Only the API Keel uses is declared, shaped like @types/better-sqlite3 so `Database.Database`
// reads the same if that package is ever added (delete this file then).

declare module 'better-sqlite3' {
  namespace BetterSqlite3 {
    interface RunResult {
      changes: number;
      lastInsertRowid: number | bigint;
    }

    interface ColumnDefinition {
      name: string;
      column: string | null;
      table: string | null;
      database: string | null;
      type: string | null;
    }

    interface Statement<BindParameters extends unknown[] = unknown[], Result = unknown> {
      readonly database: Database;
      readonly source: string;
      readonly reader: boolean;
      readonly readonly: boolean;
      readonly busy: boolean;
      run(...params: BindParameters): RunResult;
      get(...params: BindParameters): Result | undefined;
      all(...params: BindParameters): Result[];
      iterate(...params: BindParameters): IterableIterator<Result>;
      pluck(toggle?: boolean): this;
      expand(toggle?: boolean): this;
      raw(toggle?: boolean): this;
      bind(...params: BindParameters): this;
      columns(): ColumnDefinition[];
      safeIntegers(toggle?: boolean): this;
    }

    interface Transaction<Args extends unknown[], R> {
      (...args: Args): R;
      deferred(...args: Args): R;
      immediate(...args: Args): R;
      exclusive(...args: Args): R;
    }

    interface Options {
      readonly?: boolean;
      fileMustExist?: boolean;
      /** Busy timeout in milliseconds (default 5000). */
      timeout?: number;
      verbose?: (message?: unknown, ...additionalArgs: unknown[]) => void;
      nativeBinding?: string;
    }

    interface PragmaOptions {
      simple?: boolean;
    }

    interface RegistrationOptions {
      varargs?: boolean;
      deterministic?: boolean;
      safeIntegers?: boolean;
      directOnly?: boolean;
    }

    interface Database {
      readonly memory: boolean;
      readonly readonly: boolean;
      readonly name: string;
      readonly open: boolean;
      readonly inTransaction: boolean;
      prepare<BindParameters extends unknown[] = unknown[], Result = unknown>(source: string): Statement<BindParameters, Result>;
      transaction<Args extends unknown[], R>(fn: (...args: Args) => R): Transaction<Args, R>;
      exec(source: string): this;
      pragma(source: string, options?: PragmaOptions): unknown;
      function(name: string, fn: (...params: never[]) => unknown): this;
      function(name: string, options: RegistrationOptions, fn: (...params: never[]) => unknown): this;
      close(): this;
      defaultSafeIntegers(toggle?: boolean): this;
      unsafeMode(unsafe?: boolean): this;
    }

    interface SqliteError extends Error {
      code: string;
    }

    interface DatabaseConstructor {
      new (filename?: string | Buffer, options?: Options): Database;
      (filename?: string | Buffer, options?: Options): Database;
      readonly prototype: Database;
      readonly SqliteError: new (message: string, code: string) => SqliteError;
    }
  }

  const Database: BetterSqlite3.DatabaseConstructor;

  namespace Database {
    type Database = BetterSqlite3.Database;
    type Statement<BindParameters extends unknown[] = unknown[], Result = unknown> = BetterSqlite3.Statement<BindParameters, Result>;
    type Transaction<Args extends unknown[], R> = BetterSqlite3.Transaction<Args, R>;
    type Options = BetterSqlite3.Options;
    type RunResult = BetterSqlite3.RunResult;
    type SqliteError = BetterSqlite3.SqliteError;
  }

  export = Database;
}
