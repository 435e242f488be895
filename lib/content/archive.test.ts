import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { strToU8, zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { messages } from "../i18n";
import {
  ARCHIVE_MAX_BYTES,
  ARCHIVE_MAX_FILES,
  ARCHIVE_MAX_UNPACKED_BYTES,
  ArchiveError,
  readContentArchive,
  withUnpackedArchive,
  zipContentFiles,
} from "./archive";

const t = messages().admin.contentTransfer.errors;
const deckYaml = "decks/demo/deck.yaml";

function refusal(entries: Zippable | Uint8Array) {
  const data = entries instanceof Uint8Array ? entries : zipSync(entries);
  try {
    readContentArchive(data);
  } catch (error) {
    if (error instanceof ArchiveError) return error.message;
    throw error;
  }
  throw new Error("the archive was accepted");
}

const text = (files: Map<string, Uint8Array>) => new Map([...files].map(([name, bytes]) => [name, Buffer.from(bytes).toString("utf8")]));

describe("readContentArchive", () => {
  it("reads back what zipContentFiles wrote", () => {
    const files = new Map([
      [deckYaml, "title: Демо\n"],
      ["decks/demo/cards/one.md", "---\nfront: Один\n---\nТекст\n"],
    ]);
    expect(text(readContentArchive(zipContentFiles(files)))).toEqual(files);
  });

  it("reads an archive of the content folder itself as if zipped from inside it, without Finder's metadata", () => {
    const files = readContentArchive(
      zipSync({
        "content/": new Uint8Array(),
        "content/org.yaml": strToU8("departments: []\n"),
        [`content/${deckYaml}`]: strToU8("title: Демо\n"),
        "__MACOSX/content/._org.yaml": strToU8("x"),
      }),
    );
    expect([...files.keys()].sort()).toEqual([deckYaml, "org.yaml"]);
  });

  it("refuses entries that would leave the folder: parent segments, absolute paths, drives, backslashes", () => {
    for (const name of ["../org.yaml", "decks/../../etc/passwd", "/etc/passwd", "C:/content/org.yaml", "decks\\..\\org.yaml"]) {
      expect(refusal({ [deckYaml]: strToU8("x"), [name]: strToU8("x") }), name).toBe(t.unsafePath(name));
    }
  });

  it("refuses a symbolic link", () => {
    const link: Zippable = { [deckYaml]: [strToU8("/etc/passwd"), { os: 3, attrs: (0o120777 << 16) >>> 0 }] };
    expect(refusal(link)).toBe(t.symlink(deckYaml));
    const plainFile: Zippable = { [deckYaml]: [strToU8("title: x\n"), { os: 3, attrs: (0o100644 << 16) >>> 0 }] };
    expect(readContentArchive(zipSync(plainFile)).size).toBe(1);
  });

  it("refuses more files than the limit", () => {
    const entries: Zippable = {};
    for (let index = 0; index <= ARCHIVE_MAX_FILES; index++) entries[`decks/demo/cards/card-${index}.md`] = strToU8("x");
    expect(refusal(entries)).toBe(t.tooManyFiles(ARCHIVE_MAX_FILES));
  });

  it("refuses an archive that would unpack beyond the limit (a zip bomb) before inflating it", () => {
    const bomb = zipSync({ [deckYaml]: new Uint8Array(ARCHIVE_MAX_UNPACKED_BYTES + 1) }, { level: 9 });
    expect(bomb.length).toBeLessThan(ARCHIVE_MAX_BYTES);
    expect(refusal(bomb)).toBe(t.tooLargeUnpacked(ARCHIVE_MAX_UNPACKED_BYTES / (1024 * 1024)));
  });

  it("refuses an upload beyond the size limit, a file that is not a zip, and a zip not in the content/ format", () => {
    expect(refusal(new Uint8Array(ARCHIVE_MAX_BYTES + 1))).toBe(t.tooLarge(ARCHIVE_MAX_BYTES / (1024 * 1024)));
    expect(refusal(strToU8("title;prompt\nэто не архив\n"))).toBe(t.notZip);
    expect(refusal({ "notes/readme.txt": strToU8("x") })).toBe(t.notContent);
  });
});

describe("withUnpackedArchive", () => {
  it("unpacks into a folder named like the upload and removes it afterwards, also when the work fails", async () => {
    const archive = zipContentFiles(new Map([[deckYaml, "title: Демо\n"]]));
    let seen = "";
    const listing = await withUnpackedArchive(archive, "C:\\Users\\hr\\колода демо.zip", async (dir) => {
      seen = dir;
      return readdirSync(path.join(dir, "decks/demo"));
    });
    expect(path.basename(seen)).toBe("колода демо.zip");
    expect(listing).toEqual(["deck.yaml"]);
    expect(existsSync(path.dirname(seen))).toBe(false);

    await expect(
      withUnpackedArchive(archive, "../../x.zip", async (dir) => {
        seen = dir;
        expect(readFileSync(path.join(dir, deckYaml), "utf8")).toBe("title: Демо\n");
        throw new Error("the import failed");
      }),
    ).rejects.toThrow("the import failed");
    expect(path.basename(seen)).toBe("x.zip");
    expect(existsSync(path.dirname(seen))).toBe(false);
  });
});
