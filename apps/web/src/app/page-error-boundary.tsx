import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useLocation } from 'react-router';

type Props = { children: ReactNode; resetKey: string };
type State = { error: Error | null; resetKey: string };

/**
 * What a page that failed to render (or whose code could not be downloaded, e.g. after a deployment replaced
 * the files) shows instead of a blank screen. Navigating elsewhere clears it.
 */
class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('A page failed to render', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Alert color="red" variant="light" title="This page could not be shown" role="alert" m="md">
        <Stack gap="xs" align="flex-start">
          <Text size="sm" c="var(--bdc-text-danger)">
            {error.message}
          </Text>
          {/* An anchor-styled button rather than Mantine's Button, which this shell would otherwise download for this alone. */}
          <Anchor component="button" type="button" size="sm" onClick={() => window.location.reload()}>
            Reload the page
          </Anchor>
        </Stack>
      </Alert>
    );
  }
}

export function PageErrorBoundary({ children }: { children: ReactNode }) {
  const location = useLocation();
  return <ErrorBoundary resetKey={location.pathname}>{children}</ErrorBoundary>;
}
