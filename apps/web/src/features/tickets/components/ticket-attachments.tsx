import type { AttachmentView, TicketDetail } from '@bdc/contracts';
import { ActionIcon, Alert, Button, Group, Image, List, Loader, Modal, Stack, Text, UnstyledButton } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { useEffect, useRef, useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoader } from '../../../components/page-loader';
import { describeError } from '../../../lib/api-error';
import { useCan, useSession } from '../../../lib/auth-session';
import { formatDateTime } from '../../../lib/format';
import { downloadWithToken } from '../../../lib/download';
import { attachmentPath, useAttachmentImage, useAttachments, useDeleteAttachment, useUploadAttachment } from '../api/attachments';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** An object URL for an image attachment, revoked when the component goes away. */
function useImageUrl(attachment: AttachmentView): string | null {
  const image = useAttachmentImage(attachment);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!image.data) return undefined;
    const objectUrl = URL.createObjectURL(image.data);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [image.data]);
  return url;
}

function Thumbnail({ attachment, onOpen }: { attachment: AttachmentView; onOpen: () => void }) {
  const url = useImageUrl(attachment);
  return (
    <UnstyledButton onClick={onOpen} aria-label={`Preview ${attachment.filename}`} style={{ lineHeight: 0 }}>
      {url ? <Image src={url} alt={`Preview of ${attachment.filename}`} w={48} h={48} fit="cover" radius="sm" /> : <Loader size="xs" aria-label="Loading preview" />}
    </UnstyledButton>
  );
}

function PreviewModal({ attachment, onClose }: { attachment: AttachmentView; onClose: () => void }) {
  const url = useImageUrl(attachment);
  return (
    <Modal opened onClose={onClose} title={attachment.filename} size="xl" centered>
      {url ? <Image src={url} alt={attachment.filename} fit="contain" mah="75vh" /> : <PageLoader label="Loading image" />}
    </Modal>
  );
}

/** Files with their size, uploader and time; download, preview (images) and delete where allowed. */
export function AttachmentList({ ticketId, attachments, label }: { ticketId: number; attachments: AttachmentView[]; label: string }) {
  const me = useSession()?.user.id;
  const canComment = useCan('ticket.comment');
  const canManage = useCan('ticket.manage');
  const remove = useDeleteAttachment(ticketId);
  const [previewing, setPreviewing] = useState<AttachmentView | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  if (attachments.length === 0) return null;
  const download = (a: AttachmentView) => {
    setDownloadError(null);
    downloadWithToken(attachmentPath(ticketId, a.id), {}, a.filename).catch(setDownloadError);
  };
  return (
    <Stack gap="xs">
      <List listStyleType="none" spacing="xs" aria-label={label}>
        {attachments.map((a) => (
          <List.Item key={a.id}>
            <Group gap="sm" wrap="nowrap" align="center">
              {a.isImage && <Thumbnail attachment={a} onOpen={() => setPreviewing(a)} />}
              <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
                <Button variant="subtle" size="compact-sm" px={0} justify="flex-start" onClick={() => download(a)} aria-label={`Download ${a.filename}`} styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}>
                  {a.filename}
                </Button>
                <Text size="xs" c="dimmed">
                  {formatBytes(a.size)} · {a.uploadedBy.displayName || a.uploadedBy.username} · {formatDateTime(a.uploadedAt)}
                </Text>
              </Stack>
              {(canManage || (canComment && a.uploadedBy.id === me)) && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Delete ${a.filename}`}
                  loading={remove.isPending && remove.variables === a.id}
                  onClick={() => {
                    if (window.confirm(`Delete ${a.filename}?`)) remove.mutate(a.id);
                  }}
                >
                  ×
                </ActionIcon>
              )}
            </Group>
          </List.Item>
        ))}
      </List>
      {downloadError !== null && <ErrorAlert error={downloadError} title="The file could not be downloaded" />}
      {previewing && <PreviewModal attachment={previewing} onClose={() => setPreviewing(null)} />}
    </Stack>
  );
}

export interface UploadFailure {
  filename: string;
  reason: string;
}

/** Uploads files one by one; each refusal is kept with the API's reason. */
export function useUploadFiles(ticketId: number) {
  const upload = useUploadAttachment(ticketId);
  const [failures, setFailures] = useState<UploadFailure[]>([]);
  const [busy, setBusy] = useState(false);
  async function uploadAll(files: File[], commentId?: number): Promise<UploadFailure[]> {
    setBusy(true);
    const failed: UploadFailure[] = [];
    for (const file of files) {
      try {
        await upload.mutateAsync({ file, commentId });
      } catch (error) {
        failed.push({ filename: file.name, reason: describeError(error) });
      }
    }
    setFailures(failed);
    setBusy(false);
    return failed;
  }
  return { uploadAll, failures, busy, clearFailures: () => setFailures([]) };
}

export function UploadFailures({ failures }: { failures: UploadFailure[] }) {
  if (failures.length === 0) return null;
  return (
    <Alert color="red" variant="light" title={failures.length === 1 ? 'A file was refused' : `${failures.length} files were refused`} role="alert">
      <List size="sm">
        {failures.map((f, i) => (
          <List.Item key={`${f.filename}-${i}`}>
            <Text span size="sm" fw={600}>
              {f.filename}
            </Text>
            : {f.reason}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/**
 * Drag and drop, or the labelled button (both keyboard usable). No type or size filter here: the API
 * decides (its limits are configurable) and its reason is shown.
 */
export function FileDrop({ onFiles, busy, label, compact = false }: { onFiles: (files: File[]) => void; busy: boolean; label: string; compact?: boolean }) {
  const openRef = useRef<() => void>(null);
  return (
    <Dropzone onDrop={onFiles} openRef={openRef} loading={busy} multiple activateOnClick={false} aria-label={label} p={compact ? 'xs' : 'md'}>
      <Group justify="center" gap="sm" style={{ pointerEvents: 'none' }}>
        <Dropzone.Accept>
          <Text size="sm">Drop the files to attach them</Text>
        </Dropzone.Accept>
        <Dropzone.Idle>
          <Text size="sm" c="dimmed">
            Drag files here (PDF, images, Word, Excel) or
          </Text>
        </Dropzone.Idle>
        <Button size="xs" variant="light" onClick={() => openRef.current?.()} style={{ pointerEvents: 'all' }}>
          {label}
        </Button>
      </Group>
    </Dropzone>
  );
}

export function TicketAttachments({ ticket }: { ticket: TicketDetail }) {
  const attachments = useAttachments(ticket.id);
  const canUpload = ticket.allowedActions.includes('comment');
  const { uploadAll, failures, busy } = useUploadFiles(ticket.id);
  return (
    <Stack gap="sm">
      {attachments.isPending && <PageLoader label="Loading attachments" />}
      {attachments.isError && <ErrorAlert error={attachments.error} title="The attachments could not be loaded" />}
      {attachments.data && attachments.data.length === 0 && <Text size="sm">No files attached.</Text>}
      {attachments.data && <AttachmentList ticketId={ticket.id} attachments={attachments.data} label="Attached files" />}
      {canUpload && (
        <>
          <FileDrop onFiles={(files) => void uploadAll(files)} busy={busy} label="Attach files" />
          <UploadFailures failures={failures} />
        </>
      )}
    </Stack>
  );
}
