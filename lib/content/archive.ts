// Zip archives of content/ files: built in memory from the files content:export
// writes, and unpacked for an import into a temporary folder the loader reads.
// An uploaded archive is untrusted: every entry is checked before anything is
// decompressed, and every file is written as a plain new file inside the folder.
import "server-only";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { strToU8, strFromU8, unzipSync, zipSync, type Zippable } from "fflate";
import { messages } from "../i18n";

/** The upload itself: a deck archive is about 50 KB, the whole content/ folder about 150 KB. */
export const ARCHIVE_MAX_BYTES = 5 * 1024 * 1024;
export const ARCHIVE_MAX_FILES = 2_000;
/** What all entries may add up to once decompressed (a zip bomb is refused before it is inflated). */
export const ARCHIVE_MAX_UNPACKED_BYTES = 20 * 1024 * 1024;

const megabytes = (bytes: number) => bytes / (1024 * 1024);

/** An archive refused as a whole; the message (Russian) says why. */
export class ArchiveError extends Error {}

/** The files (path inside the archive → text) as a zip archive. */
export function zipContentFiles(files: Map<string, string>): Uint8Array {
  const entries: Zippable = {};
  for (const [name, text] of files) entries[name] = strToU8(text);
  return zipSync(entries, { level: 9 });
}

const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/**
 * Names of the entries the central directory marks as Unix symbolic links. fflate does
 * not expose file modes, so the directory's fixed-size records are read here (the
 * layout is APPNOTE.TXT 4.3.12); a zip64 directory is not read, which is safe
 * because entries are always written as plain files anyway.
 */
function symbolicLinks(data: Uint8Array): string[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let end = data.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) return [];
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const links: string[] = [];
  for (let index = 0; index < count && offset + 46 <= data.length; index++) {
    if (view.getUint32(offset, true) !== 0x02014b50) break;
    const host = view.getUint8(offset + 5);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const mode = view.getUint32(offset + 38, true) >>> 16;
    if (host === UNIX_HOST && (mode & S_IFMT) === S_IFLNK) {
      links.push(strFromU8(data.subarray(offset + 46, offset + 46 + nameLength)));
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return links;
}

/** A relative path that stays inside the folder: no absolute path, drive, backslash or "..". */
function isSafeEntryName(name: string) {
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name) || /[\\\0]/.test(name)) return false;
  return name.split("/").every((segment) => segment !== "..");
}

/** Finder's resource forks: never content. */
const isMacMetadata = (name: string) => name.startsWith("__MACOSX/") || name.split("/").pop() === ".DS_Store";

const isContentPath = (name: string) => name === "org.yaml" || name.startsWith("decks/") || name.startsWith("exams/");

/**
 * The archive's files by path inside the content folder. An archive of the folder
 * itself (content/org.yaml, content/decks/…) is read as if zipped from inside it.
 * Throws ArchiveError for anything unsafe or not in the content/ format.
 */
export function readContentArchive(data: Uint8Array): Map<string, Uint8Array> {
  const t = messages().admin.contentTransfer.errors;
  if (data.length > ARCHIVE_MAX_BYTES) throw new ArchiveError(t.tooLarge(megabytes(ARCHIVE_MAX_BYTES)));
  const [link] = symbolicLinks(data);
  if (link !== undefined) throw new ArchiveError(t.symlink(link));

  const seen = new Set<string>();
  let unpackedBytes = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(data, {
      filter: (entry) => {
        if (!isSafeEntryName(entry.name)) throw new ArchiveError(t.unsafePath(entry.name));
        if (seen.has(entry.name)) throw new ArchiveError(t.duplicate(entry.name));
        seen.add(entry.name);
        if (seen.size > ARCHIVE_MAX_FILES) throw new ArchiveError(t.tooManyFiles(ARCHIVE_MAX_FILES));
        // The declared size bounds the output: fflate inflates into a buffer of exactly that size.
        unpackedBytes += entry.originalSize;
        if (unpackedBytes > ARCHIVE_MAX_UNPACKED_BYTES) throw new ArchiveError(t.tooLargeUnpacked(megabytes(ARCHIVE_MAX_UNPACKED_BYTES)));
        if (entry.compression !== 0 && entry.compression !== 8) throw new ArchiveError(t.unsupported(entry.name));
        return !entry.name.endsWith("/") && !isMacMetadata(entry.name);
      },
    });
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(t.notZip);
  }

  let files = new Map(Object.entries(entries));
  const names = [...files.keys()];
  if (!names.some(isContentPath)) {
    const [top] = names.map((name) => name.split("/")[0]);
    const inside = names.every((name) => name.startsWith(`${top}/`)) ? names.map((name) => name.slice(top.length + 1)) : [];
    if (!inside.some(isContentPath)) throw new ArchiveError(t.notContent);
    files = new Map(inside.map((name, index) => [name, files.get(names[index])!]));
  }
  return files;
}

/** The upload's name as the folder's name, which starts every problem the loader reports. */
function folderName(fileName: string) {
  const base = (fileName.split(/[\\/]/).pop() ?? "").replace(/[^\p{L}\p{N}._ -]+/gu, "-");
  return base && base !== "." && base !== ".." ? base : "archive.zip";
}

/**
 * Unpacks the archive into a new temporary folder named like the upload, runs `work`
 * on it and removes the folder, whatever happens.
 */
export async function withUnpackedArchive<T>(data: Uint8Array, fileName: string, work: (dir: string) => Promise<T>): Promise<T> {
  const files = readContentArchive(data);
  const parent = await mkdtemp(path.join(os.tmpdir(), "content-archive-"));
  try {
    const root = path.join(parent, folderName(fileName));
    for (const [name, bytes] of files) {
      const target = path.resolve(root, name);
      if (!target.startsWith(`${root}${path.sep}`)) throw new ArchiveError(messages().admin.contentTransfer.errors.unsafePath(name));
      try {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, bytes, { flag: "wx" });
      } catch {
        // A file and a folder of the same name ("decks" and "decks/x.yaml").
        throw new ArchiveError(messages().admin.contentTransfer.errors.duplicate(name));
      }
    }
    await mkdir(root, { recursive: true });
    return await work(root);
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
}
