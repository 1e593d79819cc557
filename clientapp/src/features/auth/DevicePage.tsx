import { useMutation } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { ANTIFORGERY_HEADER, getAntiforgeryToken } from '../../api/client';
import { apiErrorFromResponse } from '../../api/problem';
import { Alert, SelectField, TextField, usePageTitle } from '../../components';
import { useOrganizations } from '../organizations/api';
import { AuthCard } from './AuthCard';
import { AuthForm } from './AuthForm';
import { useFormFields } from './useFormErrors';

const fields = ['code', 'organizationId'] as const;

/**
 * /device?user_code=… — the command line's sign-in (the OAuth device authorization grant): it shows a code and this
 * address; the signed-in person (by password or through their institution) confirms the code and the organization the
 * command line will work in. The form posts to the server's verification endpoint, the same address.
 */
export default function DevicePage() {
  usePageTitle('Sign in the command line');
  const [searchParams] = useSearchParams();
  const organizations = useOrganizations();
  const approve = useMutation({
    mutationFn: async (body: { code: string; organizationId: string }) => {
      // Absolute, as the API client's requests are (tests run outside a browser).
      const response = await fetch(`${globalThis.location.origin}/device`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { [ANTIFORGERY_HEADER]: await getAntiforgeryToken(), Accept: 'application/json' },
        body: new URLSearchParams({ user_code: body.code, organization_id: body.organizationId }),
      });
      if (!response.ok) throw await apiErrorFromResponse(response);
    },
  });
  const { values, summary, validate, input, alertRef } = useFormFields(
    fields,
    { code: searchParams.get('user_code') ?? '', organizationId: '' },
    approve.error,
  );
  const choices = organizations.data ?? [];
  // The first organization unless another is chosen (often there is only one).
  const organizationId = values.organizationId || (choices[0]?.id ?? '');

  if (approve.isSuccess) {
    return (
      <AuthCard title="The command line is signed in" footer={<Link to="/">Back to VariantMiner</Link>}>
        <Alert tone="info" title="Done">
          Go back to your terminal: the command line works in{' '}
          <strong>{choices.find((o) => o.id === organizationId)?.name ?? 'the organization'}</strong> as you, with your role there, until
          it signs out (vm logout) or the organization's longest token lifetime has passed.
        </Alert>
      </AuthCard>
    );
  }

  function onSubmit() {
    const code = values.code.trim().toUpperCase();
    const ok = validate({
      code: code ? [] : ['Enter the code the command line shows.'],
      organizationId: organizationId ? [] : ['Choose the organization the command line will work in.'],
    });
    if (!ok) {
      approve.reset();
      return;
    }
    approve.mutate({ code, organizationId });
  }

  return (
    <AuthForm
      title="Sign in the command line"
      intro="Check that the code is the one your terminal shows, and choose the organization the command line will work in. Only confirm a code you asked for yourself."
      formLabel="Sign in the command line"
      onSubmit={onSubmit}
      busy={approve.isPending}
      submitLabel="Allow"
      busyLabel="Allowing…"
      errorTitle="The command line could not be signed in"
      summary={summary}
      alertRef={alertRef}
      footer={<Link to="/">Cancel</Link>}
    >
      <TextField {...input('code')} label="Code" autoComplete="off" autoCapitalize="characters" spellCheck={false} required />
      <SelectField {...input('organizationId')} value={organizationId} label="Organization" required>
        {choices.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
    </AuthForm>
  );
}
