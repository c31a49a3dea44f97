/** Splits files chosen for `POST /api/predictions/images` into requests the server accepts. */

export const MAX_FILES_PER_REQUEST = 20;
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface UploadPlan<F> {
  /** Requests to send, each at most 20 files, in the order chosen. */
  batches: F[][];
  /** Files not sent, with the reason, shown as failed results. */
  rejected: { file: F; error: string }[];
}

export function planUpload<F extends { size: number }>(files: readonly F[]): UploadPlan<F> {
  const accepted: F[] = [];
  const rejected: { file: F; error: string }[] = [];
  for (const file of files) {
    if (file.size > MAX_FILE_BYTES) rejected.push({ file, error: 'larger than 5 MB' });
    else if (file.size === 0) rejected.push({ file, error: 'empty file' });
    else accepted.push(file);
  }
  const batches: F[][] = [];
  for (let i = 0; i < accepted.length; i += MAX_FILES_PER_REQUEST) {
    batches.push(accepted.slice(i, i + MAX_FILES_PER_REQUEST));
  }
  return { batches, rejected };
}
