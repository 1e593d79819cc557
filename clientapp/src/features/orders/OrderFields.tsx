import type { ChangeEvent } from 'react';
import { SelectField, TextAreaField, TextField } from '../../components';
import { ORDER_PRIORITIES, parsePhenotypeTerms, type Order } from './api';

/** The fields of an order's details (all but its samples, which are chosen once, on creation). */
export const DETAIL_FIELDS = ['test', 'orderingClinician', 'orderingInstitution', 'indication', 'phenotypeTerms', 'priority', 'dueDate', 'externalId'] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];
export type DetailValues = Record<DetailField, string>;

/** The server's limits (Order.TextMaxLength). */
const TEXT_MAX_LENGTH = 200;

export function detailValues(order?: Order): DetailValues {
  return {
    test: order?.test ?? '',
    orderingClinician: order?.orderingClinician ?? '',
    orderingInstitution: order?.orderingInstitution ?? '',
    indication: order?.indication ?? '',
    phenotypeTerms: order?.phenotypeTerms.join(', ') ?? '',
    priority: order?.priority ?? 'routine',
    dueDate: order?.dueDate ?? '',
    externalId: order?.externalId ?? '',
  };
}

/** The details as a request sends them: trimmed, empty optional texts as null, the HPO terms as a list. */
export function detailBody(values: DetailValues) {
  const text = (value: string) => value.trim() || null;
  return {
    test: values.test.trim(),
    orderingClinician: values.orderingClinician.trim(),
    orderingInstitution: text(values.orderingInstitution),
    indication: text(values.indication),
    phenotypeTerms: parsePhenotypeTerms(values.phenotypeTerms).terms,
    priority: values.priority,
    dueDate: values.dueDate || null,
    externalId: text(values.externalId),
  };
}

function required(value: string, message: string): string[] {
  const trimmed = value.trim();
  if (!trimmed) return [message];
  return trimmed.length > TEXT_MAX_LENGTH ? [`Use at most ${TEXT_MAX_LENGTH} characters.`] : [];
}

/** The client's checks: a test and a clinician, and HPO terms shaped like HP:0001250. */
export function detailErrors(values: DetailValues): Partial<Record<DetailField, string[]>> {
  const { invalid } = parsePhenotypeTerms(values.phenotypeTerms);
  const quoted = invalid.map((t) => `“${t}”`).join(', ');
  return {
    test: required(values.test, 'Name the test ordered.'),
    orderingClinician: required(values.orderingClinician, 'Name the ordering clinician.'),
    phenotypeTerms:
      invalid.length === 0
        ? []
        : [`${quoted} ${invalid.length === 1 ? 'is not an HPO term' : 'are not HPO terms'}: write each as HP: and seven digits, e.g. HP:0001250.`],
  };
}

interface InputProps {
  name: string;
  ref: (el: HTMLElement | null) => void;
  errors: string[] | undefined;
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => void;
}

/** The detail fields, each bound by `input` (useFormFields). */
export function OrderDetailFields({ input }: { input: (field: DetailField) => InputProps }) {
  return (
    <>
      <TextField {...input('test')} label="Test" required autoComplete="off" hint="e.g. Hereditary breast cancer panel" />
      <TextField {...input('orderingClinician')} label="Ordering clinician" required autoComplete="off" />
      <TextField {...input('orderingInstitution')} label="Ordering institution" autoComplete="off" />
      <TextAreaField {...input('indication')} label="Indication" rows={3} hint="Why the test is ordered." />
      <TextField
        {...input('phenotypeTerms')}
        label="Phenotype (HPO terms)"
        autoComplete="off"
        spellCheck={false}
        hint="Separated by commas or spaces, e.g. HP:0001250, HP:0000252."
      />
      <SelectField {...input('priority')} label="Priority">
        {ORDER_PRIORITIES.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
      </SelectField>
      <TextField {...input('dueDate')} label="Due date" type="date" />
      <TextField {...input('externalId')} label="External id" autoComplete="off" hint="The order's number in the requesting system." />
    </>
  );
}
