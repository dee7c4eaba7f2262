/** Saves `content` as a file in the user's downloads, from an extension page. */
export function downloadFile(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has started by then; the object URL only needs to outlive the click.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
