import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import {
  Alert,
  Button,
  CheckboxField,
  Field,
  LoadingState,
  ProblemAlert,
  RetryAlert,
  TextAreaField,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { useCurrentOrgId, usePermissions } from '../organizations/permissions';
import { useReportPreferences, useSetReportPreferences, type ReportPreferences } from './api';
import './reports.css';

/** The server's limits: a header or footer of at most 500 characters, a PNG or JPEG logo of at most 256 KiB. */
const MAX_TEXT_LENGTH = 500;
const MAX_LOGO_BYTES = 256 * 1024;
const LOGO_TYPES = ['image/png', 'image/jpeg'];

const fields = ['header', 'footer', 'logo', 'requireSecondSignature'] as const;

const SECOND_SIGNATURE_HINT =
  'A report signed once stays preliminary and can no longer be edited until another person with reports.sign signs it too; the second signature makes it final.';

/** A file's content as a data URI ("data:image/png;base64,…"). */
function readAsDataUri(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/**
 * /orgs/:orgId/settings/reports — the organization's report preferences: the letterhead of every report's PDF (a
 * header, a footer, a logo) and the two-person rule (a report needs two signatures, by two people, to be final). Every
 * member reads them; organization.settings.manage changes them.
 */
export default function ReportPreferencesPage() {
  usePageTitle('Report preferences');
  const orgId = useCurrentOrgId()!;
  const { can } = usePermissions(orgId);
  const canManage = can('organization.settings.manage');
  const preferences = useReportPreferences(orgId);

  return (
    <div className="page page--medium">
      <header className="page__header">
        <h1 className="page__title">Report preferences</h1>
        <p className="page__subtitle">
          The letterhead printed on every report of this organization, and how many people must sign a report before it is
          final. A change applies to the next PDF made.
        </p>
      </header>
      {!canManage ? (
        <Alert tone="info" title="You can view the report preferences but not change them">
          Your role does not include managing organization settings. Ask a Group Supervisor or Group Admin.
        </Alert>
      ) : null}
      <section className="card" aria-labelledby="report-preferences-heading">
        <h2 id="report-preferences-heading" className="card__title">
          Letterhead and signatures
        </h2>
        {preferences.isPending ? <LoadingState label="Loading the report preferences…" /> : null}
        {preferences.isError ? (
          <RetryAlert
            title="The report preferences could not be loaded"
            message={preferences.error.message}
            onRetry={() => void preferences.refetch()}
          />
        ) : null}
        {preferences.data ? (
          canManage ? (
            <ReportPreferencesForm orgId={orgId} preferences={preferences.data} />
          ) : (
            <ReportPreferencesSummary preferences={preferences.data} />
          )
        ) : null}
      </section>
    </div>
  );
}

function TextOrNone({ value }: { value: string | null }) {
  return value ? <span className="report-text">{value}</span> : <span className="muted">None</span>;
}

function ReportPreferencesSummary({ preferences }: { preferences: ReportPreferences }) {
  return (
    <dl className="details details--stacked">
      <div>
        <dt>Header</dt>
        <dd>
          <TextOrNone value={preferences.header} />
        </dd>
      </div>
      <div>
        <dt>Footer</dt>
        <dd>
          <TextOrNone value={preferences.footer} />
        </dd>
      </div>
      <div>
        <dt>Logo</dt>
        <dd>{preferences.logo ? <img className="report-logo" src={preferences.logo} alt="Current logo" /> : <span className="muted">None</span>}</dd>
      </div>
      <div>
        <dt>Second signature</dt>
        <dd>{preferences.requireSecondSignature ? 'Required: two different people sign each report' : 'Not required'}</dd>
      </div>
    </dl>
  );
}

function ReportPreferencesForm({ orgId, preferences }: { orgId: string; preferences: ReportPreferences }) {
  const save = useSetReportPreferences(orgId);
  const announce = useStatusMessage();
  const [logo, setLogo] = useState(preferences.logo);
  const [logoError, setLogoError] = useState<string | null>(null);
  const [requireSecondSignature, setRequireSecondSignature] = useState(preferences.requireSecondSignature);
  const fileRef = useRef<HTMLInputElement | null>(null);
  const { values, summary, validate, input, field, alertRef } = useFormFields(
    fields,
    { header: preferences.header ?? '', footer: preferences.footer ?? '' },
    save.error,
  );
  const logoField = field('logo');

  async function onChooseLogo(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setLogoError(null);
    if (!LOGO_TYPES.includes(file.type)) {
      setLogoError('Choose a PNG or JPEG image.');
      return;
    }
    if (file.size > MAX_LOGO_BYTES) {
      setLogoError('Choose an image of at most 256 KiB.');
      return;
    }
    try {
      setLogo(await readAsDataUri(file));
    } catch {
      setLogoError('The file could not be read: choose it again.');
    }
  }

  function removeLogo() {
    setLogo(null);
    setLogoError(null);
    if (fileRef.current) {
      fileRef.current.value = '';
      // The button is gone: the focus goes to where another logo may be chosen.
      fileRef.current.focus();
    }
    announce('Logo removed. Save to apply.');
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const header = values.header.trim();
    const footer = values.footer.trim();
    const tooLong = `At most ${MAX_TEXT_LENGTH} characters.`;
    const ok = validate({
      header: header.length > MAX_TEXT_LENGTH ? [`The header has ${header.length} characters. ${tooLong}`] : [],
      footer: footer.length > MAX_TEXT_LENGTH ? [`The footer has ${footer.length} characters. ${tooLong}`] : [],
    });
    if (!ok) {
      save.reset();
      return;
    }
    save.mutate(
      { header: header || null, footer: footer || null, logo, requireSecondSignature },
      { onSuccess: () => announce('Report preferences saved.') },
    );
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-label="Report preferences">
      <ProblemAlert ref={alertRef} title="The report preferences could not be saved" summary={summary} />
      <TextAreaField
        {...input('header')}
        label="Header"
        hint={`Printed at the top of every page of a report, next to the logo. At most ${MAX_TEXT_LENGTH} characters; empty for none.`}
      />
      <TextAreaField
        {...input('footer')}
        label="Footer"
        hint={`Printed at the bottom of every page of a report. At most ${MAX_TEXT_LENGTH} characters; empty for none.`}
      />
      <Field
        label="Logo"
        hint="A PNG or JPEG image of at most 256 KiB, printed at the top of every report."
        errors={logoError ? [logoError] : logoField.errors}
      >
        {(control) => (
          <input
            {...control}
            ref={(el) => {
              fileRef.current = el;
              logoField.ref(el);
            }}
            type="file"
            name="logo"
            accept="image/png,image/jpeg"
            className="field__input"
            onChange={(e) => void onChooseLogo(e)}
          />
        )}
      </Field>
      {logo ? (
        <div className="report-logo-preview">
          <img className="report-logo" src={logo} alt="Current logo" />
          <Button variant="secondary" onClick={removeLogo}>
            Remove logo
          </Button>
        </div>
      ) : (
        <p className="muted">No logo.</p>
      )}
      <CheckboxField
        {...field('requireSecondSignature')}
        label="Require a second signature (two-person rule)"
        checked={requireSecondSignature}
        onChange={setRequireSecondSignature}
        hint={SECOND_SIGNATURE_HINT}
      />
      <div className="form__actions">
        <Button type="submit" busy={save.isPending} busyLabel="Saving…">
          Save report preferences
        </Button>
      </div>
    </form>
  );
}
