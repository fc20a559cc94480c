// Browse…: picks a file and puts its path in the path box. Only in the desktop app, whose preload can
// tell a picked file's path (window.keelFiles); a browser page never learns it, so there is no button.
import { useRef } from 'react';
import { filePaths } from '../../api/file-paths.ts';

export function BrowseButton({ onPath, disabled }: { onPath: (path: string) => void; disabled: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const files = filePaths();
  if (files === null) return null;
  return (
    <>
      <button type="button" className="btn" data-testid="import-browse" disabled={disabled} onClick={() => input.current?.click()}>
        Browse…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared so that picking the same file again is a change too.
          e.target.value = '';
          const path = file ? files.pathOf(file) : '';
          if (path !== '') onPath(path);
        }}
      />
    </>
  );
}
