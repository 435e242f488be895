// Prisma's schema engine compiled to WebAssembly, driven through the pg driver
// adapter: migrations work offline, without the CLI's native engine download.
// The folder format is Prisma's own, so `prisma migrate deploy` accepts it too.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import * as engineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

export const prismaDir = path.dirname(fileURLToPath(import.meta.url));
export const migrationsDir = path.join(prismaDir, "migrations");
export const schemaPath = path.join(prismaDir, "schema.prisma");

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const CHARACTER_COLUMN = 6; // ColumnTypeEnum.Character of @prisma/driver-adapter-utils
const charColumns = Symbol("charColumns");

type QueryResultLike = { fields?: { dataTypeID: number }[]; rows?: unknown[] & { [charColumns]?: number[] } };

// The adapter cannot map Postgres's one-byte "char" type (the engine's catalog
// queries return it), so the client reports it as text and marks the columns on
// the rows array, which the adapter passes through; queryRaw below then types
// them as the engine expects. Only the migration engine uses this client.
function readCharAsText<T>(result: T): T {
  const { fields = [], rows } = (result ?? {}) as QueryResultLike;
  const marked: number[] = [];
  fields.forEach((field, index) => {
    if (field.dataTypeID !== PG_CHAR_OID) return;
    field.dataTypeID = PG_TEXT_OID;
    marked.push(index);
  });
  if (marked.length && rows) Object.defineProperty(rows, charColumns, { value: marked });
  return result;
}

class CharAsTextClient extends pg.Client {
  override query(...args: unknown[]) {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = (error: unknown, result: unknown) => callback(error, readCharAsText(result));
      return Reflect.apply(super.query, this, args);
    }
    const pending = Reflect.apply(super.query, this, args) as unknown;
    return pending instanceof Promise ? pending.then(readCharAsText) : pending;
  }
}

type Queryable = { queryRaw: (query: SqlQuery) => Promise<SqlResultSet> };

// adapter-pg's executeScript splits a script on every ";", which cuts dollar-quoted
// function bodies (the topic-score trigger) apart. The native engine sends a migration
// whole, as one multi-statement query; so does this, through the adapter's own client.
type ScriptRunner = { client: { query: (text: string) => Promise<unknown> }; onError: (error: unknown) => never };

function typeCharColumns<T extends Queryable>(queryable: T): T {
  return new Proxy(queryable, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property === "queryRaw") {
        return async (query: SqlQuery) => {
          const result = await target.queryRaw(query);
          const marked = (result.rows as QueryResultLike["rows"])?.[charColumns] ?? [];
          const columnTypes = [...result.columnTypes];
          for (const index of marked) columnTypes[index] = CHARACTER_COLUMN as SqlResultSet["columnTypes"][number];
          return { ...result, columnTypes };
        };
      }
      if (property === "executeScript") {
        return async (script: string) => {
          const runner = target as unknown as ScriptRunner;
          await runner.client.query(script).catch((error: unknown) => runner.onError(error));
        };
      }
      if (property === "startTransaction") {
        return async (...args: unknown[]) =>
          typeCharColumns((await Reflect.apply(value as (...a: unknown[]) => unknown, target, args)) as Queryable);
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function withCharColumns(factory: PrismaPg): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => typeCharColumns(await factory.connect()),
    connectToShadowDb: async () => typeCharColumns(await factory.connectToShadowDb()),
  };
}

let engineModule: Promise<typeof engineGlue> | undefined;

// The glue reports a Rust panic's message through this global before throwing.
const panicRegistry = { message: "", set_message(message: string) { this.message = message; } };
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof panicRegistry }).PRISMA_WASM_PANIC_REGISTRY = panicRegistry;

function loadEngineModule() {
  engineModule ??= (async () => {
    const require = createRequire(import.meta.url);
    const glueFile = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmBytes = readFileSync(path.join(path.dirname(glueFile), "schema_engine_bg.wasm"));
    const imports = { "./schema_engine_bg.js": engineGlue as unknown as WebAssembly.ModuleImports };
    const { instance } = await WebAssembly.instantiate(wasmBytes, imports);
    engineGlue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
    return engineGlue;
  })();
  return engineModule;
}

/** Runs `fn` with a schema engine connected to the database at `databaseUrl`. */
export async function withSchemaEngine<T>(
  databaseUrl: string,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const glue = await loadEngineModule();
  const url = new URL(databaseUrl);
  // Fields, not a connection string: a connection string would override the
  // shadow database's name and the shadow would silently be the main database.
  const adapter = new PrismaPg({
    host: decodeURIComponent(url.hostname),
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)),
    Client: CharAsTextClient,
    // Idle connections would outlive the engine and fail when the server stops.
    idleTimeoutMillis: 50,
    allowExitOnIdle: true,
  });
  const datamodel = readFileSync(schemaPath, "utf8");
  const realSetTimeout = globalThis.setTimeout;
  // The WebAssembly glue leaves timers that would keep Node alive for seconds.
  globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) =>
    realSetTimeout(...args).unref()) as typeof setTimeout;
  try {
    const engine = await glue.SchemaEngine.new(
      { datamodels: [[schemaPath, datamodel]] },
      () => {},
      bindMigrationAwareSqlAdapterFactory(withCharColumns(adapter)),
    );
    try {
      return await fn(engine);
    } catch (error) {
      if (panicRegistry.message) throw new Error(`Schema engine panicked: ${panicRegistry.message}`, { cause: error });
      throw error;
    } finally {
      engine.free();
    }
  } finally {
    globalThis.setTimeout = realSetTimeout;
  }
}

export function readMigrationList(): MigrationList {
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const folders = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: folders.map((folder) => {
      const file = path.join(migrationsDir, folder, "migration.sql");
      return {
        path: folder,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? { tag: "ok" as const, value: readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

export const noFilters = { externalTables: [], externalEnums: [] };

/** Applies every migration not yet applied; returns the names applied now. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  return withSchemaEngine(databaseUrl, async (engine) => {
    const result = await engine.applyMigrations({
      migrationsList: readMigrationList(),
      filters: noFilters,
    });
    return result.appliedMigrationNames;
  });
}
