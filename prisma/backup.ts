// Backup and restore of the whole PostgreSQL cluster: a base backup taken through PostgreSQL's replication
// protocol (BASE_BACKUP, what pg_basebackup runs) with the WAL that makes it consistent and the server's
// manifest of SHA-256 checksums, written as one tar.gz laid out like a portal data folder: pg/ (the cluster,
// pg/backup_manifest among it) and auth-secret. A restore checks every file against the manifest before it
// writes anything; PostgreSQL replays the WAL from the backup label when it first starts on the folder.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import pg from "pg";
import tar, { type ExtractEvents } from "tar-stream";
import { AUTH_SECRET_FILE, authSecretFileOf, clusterDirOf, runningInstance } from "./embedded-server";

export class BackupError extends Error {}

type Entry = ExtractEvents["entry"][1];

/** The major version of the embedded PostgreSQL, the only one a restore can start. */
const POSTGRES_MAJOR = 17;
const CLUSTER = "pg/";
const MANIFEST = "pg/backup_manifest";
/** initdb's default WAL segment size, the embedded server's. */
const WAL_SEGMENT_BYTES = 16n * 1024n * 1024n;


function describe(url: string) {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}`;
}

type CopyDataQuery = {
  submit(connection: { query(text: string): void; stream: NodeJS.ReadableStream }): void;
  handleCopyData(message: { chunk: Buffer }, connection: { stream: NodeJS.ReadableStream }): void;
};

/** Runs BASE_BACKUP, writing the base archive (a tar of the data folder) to `archive`; resolves to the manifest. */
function baseBackup(client: pg.Client, archive: NodeJS.WritableStream): Promise<Buffer> {
  const manifest: Buffer[] = [];
  let receiving: "archive" | "manifest" | null = null;
  let paused = false;
  return new Promise((resolve, reject) => {
    const query: CopyDataQuery & Record<string, unknown> = {
      submit(connection) {
        connection.query(
          "BASE_BACKUP (LABEL 'attestation portal', CHECKPOINT 'fast', WAL true, WAIT false, MANIFEST 'yes', MANIFEST_CHECKSUMS 'SHA256')",
        );
      },
      handleCopyData({ chunk }, connection) {
        const kind = String.fromCharCode(chunk[0]);
        if (kind === "n" && receiving !== null) {
          reject(new BackupError("The server has tablespaces outside its data folder: back it up with its own pg_basebackup."));
        } else if (kind === "n") {
          receiving = "archive";
        } else if (kind === "m") {
          receiving = "manifest";
          archive.end();
        } else if (kind === "d") {
          // The protocol parser reuses its buffer: copy the data out.
          const data = Buffer.from(chunk.subarray(1));
          if (receiving === "manifest") manifest.push(data);
          else if (!archive.write(data) && !paused) {
            paused = true;
            connection.stream.pause();
            archive.once("drain", () => {
              paused = false;
              connection.stream.resume();
            });
          }
        }
      },
      handleError: reject,
      handleReadyForQuery: () => resolve(Buffer.concat(manifest)),
      handleRowDescription() {},
      handleDataRow() {},
      handleCommandComplete() {},
      handleEmptyQuery() {},
    };
    client.query(query as unknown as pg.QueryConfig);
  });
}

async function openReplication(url: string) {
  const replicationUrl = new URL(url);
  replicationUrl.searchParams.set("replication", "database");
  const client = new pg.Client({ connectionString: replicationUrl.toString(), connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new BackupError(
      `Cannot open a replication connection to ${describe(url)}: ${(error as Error).message}. db:backup needs a role with REPLICATION and a "replication" line in pg_hba.conf; otherwise back that server up with its own pg_basebackup or pg_dump.`,
    );
  }
  return client;
}

/**
 * Writes a base backup of the cluster at `url` (with the auth secret file, when given and present) to `file`:
 * first as `<file>.partial`, renamed once complete, so a failed backup never looks like one.
 */
export async function backupDatabase(url: string, file: string, options: { authSecretFile?: string } = {}) {
  const client = await openReplication(url);
  const partial = `${file}.partial`;
  try {
    const version = Number((await client.query<{ server_version_num: string }>("SHOW server_version_num")).rows[0].server_version_num);
    if (Math.floor(version / 10_000) !== POSTGRES_MAJOR) {
      throw new BackupError(
        `The server at ${describe(url)} runs PostgreSQL ${Math.floor(version / 10_000)}; db:backup makes backups that db:restore starts with PostgreSQL ${POSTGRES_MAJOR}: back that server up with its own pg_basebackup or pg_dump.`,
      );
    }
    // Holds the WAL from here on until the connection ends, so none the backup needs is recycled meanwhile.
    await client.query(`CREATE_REPLICATION_SLOT portal_backup_${process.pid}_${Date.now()} TEMPORARY PHYSICAL RESERVE_WAL`);

    await mkdir(path.dirname(file), { recursive: true });
    const pack = tar.pack();
    const written = pipeline(pack, zlib.createGzip(), createWriteStream(partial, { mode: 0o600 }));
    const extract = tar.extract();
    let files = 0;
    extract.on("entry", (header, stream, next) => {
      if (header.type === "file") files++;
      const sink = pack.entry({ ...header, name: CLUSTER + header.name.replace(/^\.\//, "") }, next);
      sink.on("error", () => {}); // the same failure rejects `written`
      stream.pipe(sink);
    });
    const repacked = new Promise<void>((resolve, reject) => extract.on("finish", () => resolve()).on("error", reject));
    // A failure of the writing side (a full disk) ends the backup at once, not after the server is done.
    const failure = (step: Promise<void>) => step.then(() => new Promise<never>(() => {}));
    const manifest = await Promise.race([baseBackup(client, extract), failure(repacked), failure(written)]);
    await repacked;
    pack.entry({ name: MANIFEST, mode: 0o600 }, manifest);
    files++;
    if (options.authSecretFile && existsSync(options.authSecretFile)) {
      pack.entry({ name: AUTH_SECRET_FILE, mode: 0o600 }, readFileSync(options.authSecretFile));
      files++;
    }
    pack.finalize();
    await written;
    await rename(partial, file);
    return { file, bytes: (await stat(file)).size, files };
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`The backup failed, no file was written: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** A backup entry's name: relative, no `..`, inside pg/ or the auth secret. */
function checkName(file: string, name: string, type: string | null | undefined) {
  const normal = path.posix.normalize(name);
  const inside = name === AUTH_SECRET_FILE || (name.startsWith(CLUSTER) && normal.startsWith(CLUSTER) && !normal.split("/").includes(".."));
  if (!inside || (type !== "file" && type !== "directory") || (name === AUTH_SECRET_FILE && type !== "file")) {
    throw new BackupError(`${file} is not a backup made by npm run db:backup: it holds ${type ?? "an entry"} "${name}".`);
  }
}

/** Passes every entry of the archive to `visit` in turn; a file that is not a whole tar.gz fails with a message naming the problem. */
async function readArchive(file: string, visit: (entry: Entry) => Promise<void>) {
  const extract = tar.extract();
  const source = pipeline(createReadStream(file), zlib.createGunzip(), extract);
  source.catch(() => {}); // the same failure ends the iteration below
  try {
    for await (const entry of extract) await visit(entry);
    await source;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const message = (error as Error).message;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new BackupError(`${file} does not exist.`);
    if (code === "Z_BUF_ERROR" || /unexpected end/i.test(message)) {
      throw new BackupError(`${file} is incomplete (cut off at ${(await stat(file)).size} bytes): not a whole backup.`);
    }
    throw new BackupError(`${file} is not a backup made by npm run db:backup (${message}).`);
  }
}

type Manifest = {
  Files: { Path: string; Size: number; Checksum: string }[];
  "WAL-Ranges": { Timeline: number; "Start-LSN": string; "End-LSN": string }[];
  "Manifest-Checksum": string;
};

const lsn = (text: string) => {
  const [high, low] = text.split("/").map((part) => BigInt(`0x${part}`));
  return (high << 32n) | low;
};

/** The names of the WAL segments from the range's start to its end, as PostgreSQL names them in pg_wal/. */
function walSegments(range: Manifest["WAL-Ranges"][number]) {
  const perLogId = 0x1_0000_0000n / WAL_SEGMENT_BYTES;
  const hex = (value: bigint | number) => value.toString(16).toUpperCase().padStart(8, "0");
  const names = [];
  for (let segment = lsn(range["Start-LSN"]) / WAL_SEGMENT_BYTES; segment <= (lsn(range["End-LSN"]) - 1n) / WAL_SEGMENT_BYTES; segment++) {
    names.push(`${CLUSTER}pg_wal/${hex(range.Timeline)}${hex(segment / perLogId)}${hex(segment % perLogId)}`);
  }
  return names;
}

/** Reads the whole archive and checks it against its manifest; writes nothing. */
export async function verifyBackup(file: string) {
  const seen = new Map<string, { size: number; sha256: string }>();
  let manifestText: string | undefined;
  await readArchive(file, async (entry) => {
    const { name, type } = entry.header;
    checkName(file, name, type);
    const hash = createHash("sha256");
    const chunks: Buffer[] = [];
    for await (const chunk of entry as AsyncIterable<Buffer>) {
      hash.update(chunk);
      if (name === MANIFEST) chunks.push(chunk);
    }
    if (type === "file") seen.set(name, { size: entry.header.size, sha256: hash.digest("hex") });
    if (name === MANIFEST) manifestText = Buffer.concat(chunks).toString("utf8");
  });
  const foreign = (why: string) => new BackupError(`${file} is not a backup made by npm run db:backup: ${why}.`);
  if (manifestText === undefined) throw foreign("it has no pg/backup_manifest");
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestText) as Manifest;
  } catch {
    throw foreign("its pg/backup_manifest is not JSON");
  }
  const signed = manifestText.slice(0, manifestText.lastIndexOf('"Manifest-Checksum"'));
  if (createHash("sha256").update(signed).digest("hex") !== manifest["Manifest-Checksum"]) {
    throw new BackupError(`${file} is damaged: its pg/backup_manifest does not match its own checksum.`);
  }
  const listed = new Set<string>([MANIFEST, AUTH_SECRET_FILE]);
  for (const { Path, Size, Checksum } of manifest.Files) {
    const name = CLUSTER + Path;
    const found = seen.get(name);
    if (!found) throw new BackupError(`${file} is damaged: ${name} is listed in its manifest but missing.`);
    if (found.size !== Size || found.sha256 !== Checksum) {
      throw new BackupError(`${file} is damaged: ${name} differs from its manifest (size or SHA-256).`);
    }
    listed.add(name);
  }
  for (const name of manifest["WAL-Ranges"].flatMap(walSegments)) {
    if (!seen.has(name)) throw new BackupError(`${file} is damaged: the WAL segment ${name} it needs is missing.`);
    listed.add(name);
  }
  const extra = [...seen.keys()].find((name) => !listed.has(name) && !name.startsWith(`${CLUSTER}pg_wal/`));
  if (extra) throw new BackupError(`${file} is damaged: ${extra} is not in its manifest.`);
  return { files: seen.size, bytes: [...seen.values()].reduce((sum, { size }) => sum + size, 0) };
}

/** Under root the embedded PostgreSQL runs as the OS user "postgres" (see embedded-server.ts): it must own the cluster. */
function givePostgresTheCluster(clusterDir: string) {
  if (process.getuid?.() !== 0) return;
  try {
    execFileSync("chown", ["-R", "postgres:postgres", clusterDir], { stdio: "pipe" });
  } catch (error) {
    throw new BackupError(`Cannot give ${clusterDir} to the OS user postgres, which runs the embedded PostgreSQL under root: ${(error as Error).message.trim()}`);
  }
}

/**
 * Restores a backup into the data folder `dataDir` (its pg/ cluster and auth secret). Refuses while a PostgreSQL
 * runs there, and a folder holding either unless `force`; checks the whole backup before writing anything, then
 * unpacks it beside them and swaps it in. Returns what it replaced.
 */
export async function restoreBackup(file: string, dataDir: string, options: { force?: boolean } = {}) {
  const target = path.resolve(dataDir);
  const clusterDir = clusterDirOf(target);
  const secretFile = authSecretFileOf(target);
  const running = runningInstance(clusterDir);
  if (running) {
    throw new BackupError(`A PostgreSQL (pid ${running.pid}) runs on ${clusterDir}: stop the portal that uses ${target} first.`);
  }
  const present = [clusterDir, secretFile].filter((item) => existsSync(item));
  if (present.length && !options.force) {
    throw new BackupError(
      `${target} is not empty: it holds ${present.join(" and ")}. Restore into an empty folder (--data <dir>), or add --force to replace them.`,
    );
  }
  const verified = await verifyBackup(file);

  const staging = path.join(target, `.restoring-${randomBytes(4).toString("hex")}`);
  try {
    await mkdir(path.join(staging, "pg"), { recursive: true, mode: 0o700 });
    // The server may run as another OS user (root runs it as "postgres"): it must reach the folder.
    await chmod(target, 0o755);
    await readArchive(file, async (entry) => {
      const { name, type, mode } = entry.header;
      checkName(file, name, type);
      const destination = path.join(staging, name);
      if (type === "directory") {
        await mkdir(destination, { recursive: true, mode });
        entry.resume();
      } else {
        await mkdir(path.dirname(destination), { recursive: true, mode: 0o700 });
        await pipeline(entry, createWriteStream(destination, { mode }));
      }
    });
    givePostgresTheCluster(path.join(staging, "pg"));
    for (const item of present) await rm(item, { recursive: true, force: true });
    await rename(path.join(staging, "pg"), clusterDir);
    if (existsSync(path.join(staging, AUTH_SECRET_FILE))) await rename(path.join(staging, AUTH_SECRET_FILE), secretFile);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { ...verified, replaced: present };
}
