/** Hands a file to the browser as a download (Blob + a[download]); Electron shows its save dialog. */
export function downloadFile(parts: readonly string[], fileName: string, mediaType: string): void {
  const url = URL.createObjectURL(new Blob([...parts], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Let the download take the blob before it goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The same for bytes made in the renderer (an XLSX workbook). */
export function downloadBytes(bytes: Uint8Array<ArrayBuffer>, fileName: string, mediaType: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
