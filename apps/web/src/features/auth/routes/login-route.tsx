import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../../lib/auth-session';
import { paths } from '../../../lib/paths';
import { useSignInOptions } from '../api/get-sign-in-options';
import { LoginForm } from '../components/login-form';

/** Only same-origin paths: an open redirect via `?redirect=https://…` would be a phishing aid. */
export function safeRedirect(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//')) return paths.myWork.href();
  return value;
}

export function LoginRoute() {
  const session = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const redirectTo = safeRedirect(params.get('redirect'));
  const options = useSignInOptions();

  if (session) return <Navigate to={redirectTo} replace />;

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-default-hover)">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420} component="main">
        <Stack gap="xs" mb="lg">
          <Title order={1} size="h2">
            BDC IMS Change Tickets
          </Title>
          <Text c="dimmed">Sign in to request, approve and deploy hardware changes.</Text>
        </Stack>
        <LoginForm onSuccess={() => navigate(redirectTo, { replace: true })} options={options.data} />
      </Paper>
    </Center>
  );
}
