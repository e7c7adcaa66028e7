import type { AttachmentType } from '@bdc/contracts';

interface TypeRule {
  /** What file-type reports for such content (DOC and XLS are both OLE2 compound files: `cfb`). */
  detected: string;
  /** Sent as Content-Type on download, whatever the client declared on upload. */
  mime: string;
  label: string;
  image: boolean;
}

const RULES: Record<AttachmentType, TypeRule> = {
  pdf: { detected: 'pdf', mime: 'application/pdf', label: 'PDF document', image: false },
  png: { detected: 'png', mime: 'image/png', label: 'PNG image', image: true },
  jpg: { detected: 'jpg', mime: 'image/jpeg', label: 'JPEG image', image: true },
  jpeg: { detected: 'jpg', mime: 'image/jpeg', label: 'JPEG image', image: true },
  doc: { detected: 'cfb', mime: 'application/msword', label: 'Word document (.doc)', image: false },
  docx: { detected: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word document (.docx)', image: false },
  xls: { detected: 'cfb', mime: 'application/vnd.ms-excel', label: 'Excel workbook (.xls)', image: false },
  xlsx: { detected: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel workbook (.xlsx)', image: false },
};

export const IMAGE_MIME_TYPES: ReadonlySet<string> = new Set(Object.values(RULES).filter((r) => r.image).map((r) => r.mime));

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot <= 0 ? '' : filename.slice(dot + 1).toLowerCase();
}

export type TypeVerdict = { ok: true; mime: string } | { ok: false; reason: string };

/**
 * The declared extension must be allowed and the content must be what it claims: a renamed .exe or
 * .html is refused whatever its name says, and so is a PNG named .pdf.
 */
export function judgeType(filename: string, detected: string | undefined, allowed: readonly AttachmentType[]): TypeVerdict {
  const extension = extensionOf(filename);
  const allowedList = allowed.map((t) => t.toUpperCase()).join(', ');
  const rule = (allowed as readonly string[]).includes(extension) ? RULES[extension as AttachmentType] : undefined;
  if (!rule) {
    const what = extension === '' ? 'a file without an extension' : `.${extension} files`;
    return { ok: false, reason: `${what} are not accepted: allowed are ${allowedList}` };
  }
  if (detected !== rule.detected) {
    return { ok: false, reason: `the content is not a ${rule.label}${detected ? ` (it looks like ${detected})` : ''}` };
  }
  return { ok: true, mime: rule.mime };
}

/** file-type is ESM only; .swcrc keeps this import() native in the CommonJS build. */
export async function detectFileType(path: string): Promise<string | undefined> {
  const { fileTypeFromFile } = await import('file-type');
  return (await fileTypeFromFile(path))?.ext;
}
