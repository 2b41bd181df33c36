declare module 'express-pouchdb' {
  import type { Express } from 'express';
  interface CouchConfig {
    set(section: string, key: string, value: unknown, cb: (err?: Error | null) => void): void;
    get(section: string, key: string): unknown;
  }
  interface DbWrapper {
    wrap(name: string, db: PouchDB.Database): Promise<PouchDB.Database>;
  }
  export interface PouchApp extends Express {
    setPouchDB(pouchdb: PouchDB.Static): Promise<void>;
    couchConfig: CouchConfig;
    dbWrapper: DbWrapper;
  }
  interface Options {
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
    inMemoryConfig?: boolean;
    logPath?: string;
    configPath?: string;
    overrideMode?: { include?: string[]; exclude?: string[] };
  }
  function expressPouchDB(options: Options): PouchApp;
  export default expressPouchDB;
}
