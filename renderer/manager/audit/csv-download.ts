/**
 * Hands a CSV text to the browser as a file through a Blob link. The object URL is revoked
 * after the click so the export does not stay in memory after the console locks.
 */
export function downloadCsv(csv: string, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  doc.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // After the click has been handled: a revoked URL before that would download nothing.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
