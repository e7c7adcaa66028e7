import { LIMITS, textLength, type CommentView, type TicketDetail } from '@bdc/contracts';
import { Badge, Button, CloseButton, Group, Paper, Stack, Switch, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { MarkdownText } from '../../../components/markdown-text';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoader } from '../../../components/page-loader';
import { useSession } from '../../../lib/auth-session';
import { MentionTextarea } from '../../notifications/components/mention-textarea';
import { formatDateTime } from '../../../lib/format';
import { useAddComment } from '../api/add-comment';
import { useComments } from '../api/get-comments';
import { useUpdateComment } from '../api/update-comment';
import { AttachmentList, FileDrop, formatBytes, UploadFailures, useUploadFiles } from './ticket-attachments';

function CommentEditor({ ticketId, comment, onDone }: { ticketId: number; comment: CommentView; onDone: () => void }) {
  const update = useUpdateComment(ticketId);
  const [text, setText] = useState(comment.comment);
  const tooLong = textLength(text) > LIMITS.commentMax;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim() || tooLong) return;
        update.mutate({ commentId: comment.id, comment: text.trim() }, { onSuccess: onDone });
      }}
    >
      <Stack gap="xs">
        <Textarea
          label="Edit comment"
          autosize
          minRows={2}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={!text.trim() ? 'The comment cannot be empty' : tooLong ? `At most ${LIMITS.commentMax} characters` : undefined}
          data-autofocus
        />
        {update.isError && <ErrorAlert error={update.error} title="The comment was not updated" />}
        <Group gap="xs" justify="flex-end">
          <Button variant="default" size="xs" onClick={onDone}>
            Discard changes
          </Button>
          <Button type="submit" size="xs" loading={update.isPending}>
            Save comment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CommentCard({ ticketId, comment, canEdit }: { ticketId: number; comment: CommentView; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const internal = comment.isInternal || comment.commentType === 'internal_note';
  const system = comment.commentType === 'system';
  return (
    <Paper
      withBorder
      p="sm"
      bg={internal ? 'yellow.0' : system ? 'gray.0' : undefined}
      style={internal ? { borderLeft: '4px solid var(--mantine-color-yellow-7)' } : undefined}
      component="article"
      aria-label={`${internal ? 'Internal note' : system ? 'System message' : 'Comment'} by ${comment.author.displayName || comment.author.username}`}
    >
      <Group justify="space-between" gap="xs" mb={4} wrap="wrap">
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {comment.author.displayName || comment.author.username}
          </Text>
          {internal && (
            <Badge color="yellow.4" autoContrast size="sm" radius="sm">
              Internal note
            </Badge>
          )}
          {system && (
            <Badge color="gray.3" autoContrast size="sm" radius="sm">
              System
            </Badge>
          )}
          <Text size="xs" c="dimmed">
            {formatDateTime(comment.createdAt)}
            {comment.edited ? ` · edited ${formatDateTime(comment.updatedAt)}` : ''}
          </Text>
        </Group>
        {canEdit && !editing && (
          <Button variant="subtle" size="compact-xs" onClick={() => setEditing(true)} aria-label={`Edit comment from ${formatDateTime(comment.createdAt)}`}>
            Edit
          </Button>
        )}
      </Group>
      {editing ? (
        <CommentEditor ticketId={ticketId} comment={comment} onDone={() => setEditing(false)} />
      ) : (
        <MarkdownText>{comment.comment}</MarkdownText>
      )}
      {comment.attachments.length > 0 && (
        <Stack mt="xs">
          <AttachmentList ticketId={ticketId} attachments={comment.attachments} label={`Files of the comment from ${formatDateTime(comment.createdAt)}`} />
        </Stack>
      )}
    </Paper>
  );
}

function NewComment({ ticketId, allowInternal }: { ticketId: number; allowInternal: boolean }) {
  const add = useAddComment(ticketId);
  const [text, setText] = useState('');
  const [internal, setInternal] = useState(false);
  const [touched, setTouched] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const { uploadAll, failures, busy, clearFailures } = useUploadFiles(ticketId);
  const tooLong = textLength(text) > LIMITS.commentMax;
  const error = touched && !text.trim() ? 'Write a comment first' : tooLong ? `At most ${LIMITS.commentMax} characters` : undefined;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (!text.trim() || tooLong) return;
        clearFailures();
        add.mutate(
          { comment: text.trim(), internal: allowInternal ? internal : undefined },
          {
            onSuccess: (comment) => {
              setText('');
              setTouched(false);
              setInternal(false);
              // The comment is posted; its files follow, each refusal shown with the API's reason.
              const pending = files;
              setFiles([]);
              if (pending.length > 0) void uploadAll(pending, comment.id);
            },
          },
        );
      }}
      noValidate
    >
      <Stack gap="xs">
        <MentionTextarea
          ticketId={ticketId}
          internal={internal}
          label="Add a comment"
          description="Type @ to mention someone who can see this ticket"
          autosize
          minRows={3}
          value={text}
          onChange={setText}
          error={error}
        />
        <FileDrop compact onFiles={(dropped) => setFiles((current) => [...current, ...dropped])} busy={busy} label="Attach files to the comment" />
        {files.length > 0 && (
          <Stack gap={4} aria-label="Files to attach">
            {files.map((file, index) => (
              <Group key={`${file.name}-${index}`} gap="xs">
                <Text size="sm">
                  {file.name} ({formatBytes(file.size)})
                </Text>
                <CloseButton size="sm" aria-label={`Do not attach ${file.name}`} onClick={() => setFiles((current) => current.filter((_, i) => i !== index))} />
              </Group>
            ))}
          </Stack>
        )}
        <UploadFailures failures={failures} />
        {add.isError && <ErrorAlert error={add.error} title="The comment was not posted" />}
        <Group justify="space-between">
          {allowInternal ? (
            <Switch
              label="Internal note (visible to staff only)"
              checked={internal}
              onChange={(e) => setInternal(e.currentTarget.checked)}
            />
          ) : (
            <span />
          )}
          <Button type="submit" loading={add.isPending || busy}>
            {internal ? 'Post internal note' : 'Post comment'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function TicketComments({ ticket }: { ticket: TicketDetail }) {
  const comments = useComments(ticket.id);
  const session = useSession();
  const me = session?.user.id;
  const canComment = ticket.allowedActions.includes('comment');
  const canInternal = ticket.allowedActions.includes('comment_internal');

  return (
    <Stack gap="sm">
      {comments.isPending && <PageLoader label="Loading comments" />}
      {comments.isError && <ErrorAlert error={comments.error} title="The comments could not be loaded" />}
      {comments.data && comments.data.length === 0 && <Text size="sm">No comments yet.</Text>}
      {comments.data?.map((c) => (
        <CommentCard key={c.id} ticketId={ticket.id} comment={c} canEdit={canComment && c.author.id === me && c.commentType !== 'system'} />
      ))}
      {canComment && <NewComment ticketId={ticket.id} allowInternal={canInternal} />}
    </Stack>
  );
}
