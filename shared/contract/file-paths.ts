// What the Electron preload offers beside the Api, as `window.keelFiles`: the path on disk of a file the
// trader picked in an <input type=file>, so the import dialog's Browse… can fill its path box (the engine
// reads the file by path; a page only ever sees a File). Not part of the Api: a browser page has no such
// path to give, and there the dialog takes a typed path alone.
export interface FilePaths {
  /** The picked file's absolute path; '' for a File not backed by a file on disk. */
  pathOf(file: File): string;
}
