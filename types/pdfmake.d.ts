// The part of pdfmake 0.3's server API the portal uses (the package ships no types).
declare module "pdfmake" {
  /** A pdfmake document definition: https://pdfmake.github.io/docs/0.3/document-definition-object/ */
  export type DocumentDefinition = Record<string, unknown>;
  type FontFiles = { normal: string; bold: string; italics: string; bolditalics: string };
  const pdfmake: {
    virtualfs: { writeFileSync(name: string, content: Buffer): void };
    setFonts(fonts: Record<string, FontFiles>): void;
    setUrlAccessPolicy(allow: (url: string) => boolean): void;
    setLocalAccessPolicy(allow: (path: string) => boolean): void;
    createPdf(definition: DocumentDefinition): { getBuffer(): Promise<Buffer> };
  };
  export default pdfmake;
}

declare module "pdfmake/build/vfs_fonts.js" {
  /** The Roboto TTF files shipped with pdfmake, base64 by file name. */
  const fonts: Record<string, string>;
  export default fonts;
}
