import {
  COMPONENT_TYPE_LABELS,
  COMPONENT_TYPES,
  ITEM_ACTIONS,
  isOneOf,
  LIMITS,
  type InstalledComponent,
  type ItemProblem,
  type ItemValidation,
  type ServerDetail,
  type TicketItemInput,
} from '@bdc/contracts';
import { Autocomplete, Button, Fieldset, Grid, NumberInput, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { TrashIcon, WarningIcon } from '../../../components/icons';
import { useCatalogModels } from '../../inventory/api/get-catalog-models';
import { useUnits } from '../../inventory/api/get-units';
import { useCandidates } from '../api/get-candidates';
import { ITEM_ACTION_LABELS } from '../utils/item-labels';
import type { ItemRowValues } from '../utils/ticket-form-values';
import { ValidationMark } from './validation-mark';

type Option = { value: string; label: string; disabled?: boolean };
type OptionGroup = { group: string; items: Option[] };

const actionOptions: Option[] = ITEM_ACTIONS.map((a) => ({ value: a, label: ITEM_ACTION_LABELS[a] }));
const typeOptions: Option[] = COMPONENT_TYPES.map((t) => ({ value: t, label: COMPONENT_TYPE_LABELS[t] }));

/** Keeps a saved value selectable when it is no longer offered (e.g. a unit this ticket already reserved). */
function withCurrent(options: Option[], value: string, suffix = ' (current)'): Option[] {
  if (!value || options.some((o) => o.value === value)) return options;
  return [{ value, label: `${value}${suffix}` }, ...options];
}

/** Shown as the user types, before any submit: the API refuses the same (400). */
export function quantityError(quantity: number | string): string | undefined {
  const q = Number(quantity);
  return quantity !== '' && Number.isFinite(q) && q > LIMITS.quantityMax ? `At most ${LIMITS.quantityMax} per item (you typed ${q}): split the order into several items` : undefined;
}

function unitLabel(c: InstalledComponent): string {
  const parts = [c.model ?? c.uuid];
  if (c.serialNumber) parts.push(`SN ${c.serialNumber}`);
  if (c.slot) parts.push(`slot ${c.slot}`);
  return parts.join(' · ');
}

const ROW_BREAKPOINTS = { xs: '400px', sm: '520px', md: '900px', lg: '1100px', xl: '1300px' };

/** Pause after the last change to the other rows before the candidates are asked again. */
export const CANDIDATES_DELAY_MS = 250;

export interface ItemRowEditorProps {
  index: number;
  value: ItemRowValues;
  onChange: (patch: Partial<ItemRowValues>) => void;
  onRemove?: () => void;
  errors?: Partial<Record<keyof ItemRowValues, string>>;
  /** The target server, for the units installed in it and its settings. */
  server?: ServerDetail;
  /** The result of the last "Check items" for this row. */
  check?: ItemValidation;
  /** Why the API refused this row (422). */
  problem?: ItemProblem;
  /**
   * The other rows of the draft: given, the model picker asks the server's candidates (judged against the
   * server after them): compatible first, incompatible shown disabled with the reason.
   */
  draftItems?: TicketItemInput[];
}

export function ItemRowEditor({ index, value, onChange, onRemove, errors = {}, server, check, problem, draftItems }: ItemRowEditorProps) {
  const type = value.componentType || undefined;
  const fromStock = value.action === 'add' || value.action === 'replace';
  const fromServer = value.action === 'remove' || value.action === 'replace';

  const buildAware = Boolean(server && type && fromStock && draftItems);
  // The other rows change on every keystroke (a title, a quantity): ask the candidates once typing pauses.
  // Compared as text, as the form hands a new array on every render.
  const [settledDraft] = useDebouncedValue(JSON.stringify(draftItems ?? []), CANDIDATES_DELAY_MS);
  const candidates = useCandidates(server?.uuid, buildAware && type ? { componentType: type, items: JSON.parse(settledDraft) as TicketItemInput[] } : null);
  const useCandidateList = buildAware && !candidates.isError;
  const catalog = useCatalogModels({ type, pageSize: LIMITS.pageSizeMax }, Boolean(type) && fromStock && !useCandidateList);
  const chosen = useCandidateList ? candidates.data?.candidates.find((c) => c.uuid === value.componentUuid) : undefined;
  // The candidates carry a few units of each model; the full stock list only when there are more.
  const candidateUnits = chosen && chosen.units.length >= chosen.availableUnits ? chosen.units : null;
  const stock = useUnits(
    { type, status: 'available', pageSize: LIMITS.pageSizeMax },
    Boolean(type) && fromStock && Boolean(value.componentUuid) && (useCandidateList ? Boolean(candidates.data) && !candidateUnits : true),
  );
  // Another row of this draft pinning the same serial would book one unit twice.
  const pinnedElsewhere = new Set((draftItems ?? []).map((i) => i.componentSerial).filter((s): s is string => Boolean(s)));
  const installed = (server?.components ?? []).filter((c) => c.componentType === type);

  const candidateGroups: OptionGroup[] | null = useCandidateList
    ? (() => {
        const list = candidates.data?.candidates ?? [];
        const fits = list.filter((c) => c.compatible);
        const misfits = list.filter((c) => !c.compatible);
        const name = (c: (typeof list)[number]) => c.name || `${c.brand} ${c.model}`;
        const groups: OptionGroup[] = [
          {
            group: 'Fits this server',
            items: fits.map((c) => ({
              value: c.uuid,
              label: `${name(c)} — ${c.availableUnits} available${c.status === 'warning' ? ', with a warning' : ''}`,
            })),
          },
          {
            group: 'Not compatible with this server',
            items: misfits.map((c) => ({ value: c.uuid, label: `${name(c)} — not compatible: ${c.reasons.join(' ') || 'a rule refuses it'}`, disabled: true })),
          },
        ].filter((g) => g.items.length > 0);
        const current = value.componentUuid;
        const listed = list.some((c) => c.uuid === current);
        return current && !listed ? [{ group: 'Chosen', items: [{ value: current, label: `${current} (current)` }] }, ...groups] : groups;
      })()
    : null;

  const modelOptions: Option[] = fromStock
    ? // The list query keeps the previous type's page while the next loads: never offer those as this type's.
      (catalog.isPlaceholderData ? [] : (catalog.data?.items ?? [])).map((m) => ({
        value: m.uuid,
        label: `${m.name || `${m.brand} ${m.model}`} — ${m.availableUnits} available`,
      }))
    : Array.from(new Map(installed.map((c) => [c.uuid, c])).values()).map((c) => ({
        value: c.uuid,
        label: `${c.model ?? c.uuid} — ${installed.filter((u) => u.uuid === c.uuid).length} installed`,
      }));

  const serialOptions: Option[] = fromStock
    ? (candidateUnits ?? (stock.data?.items ?? []).filter((u) => u.uuid === value.componentUuid))
        .filter((u) => u.serialNumber)
        .map((u) => {
          const serial = u.serialNumber ?? '';
          const where = `${serial}${u.location ? ` · ${u.location}` : ''}`;
          if (chosen && !chosen.compatible) return { value: serial, label: `${where} — not compatible: ${chosen.reasons.join(' ') || 'a rule refuses it'}`, disabled: true };
          if (pinnedElsewhere.has(serial)) return { value: serial, label: `${where} — already in another item`, disabled: true };
          return { value: serial, label: where };
        })
    : installed
        .filter((u) => u.uuid === value.componentUuid && u.serialNumber)
        .map((u) => ({ value: u.serialNumber ?? '', label: unitLabel(u) }));

  const modelChoices: Option[] = candidateGroups ? candidateGroups.flatMap((g) => g.items) : modelOptions;
  const chosenModelLabel = value.componentUuid ? modelChoices.find((o) => o.value === value.componentUuid)?.label : undefined;

  const takeOutOptions: Option[] = installed.map((u) => ({ value: u.serialNumber ?? u.uuid, label: unitLabel(u) }));
  const settings = server?.settings ?? {};

  const label = `Item ${index + 1}`;
  const noServer = !server && (fromServer || value.action === 'modify');
  const modelPlaceholder = !type
    ? 'Choose a type first'
    : fromStock
      ? (useCandidateList ? candidates.isPending : catalog.isPending)
        ? 'Loading models…'
        : 'Choose a model'
      : noServer
        ? 'Choose the server first'
        : installed.length === 0
          ? 'Nothing of this type installed'
          : 'Choose an installed model';

  return (
    <Fieldset legend={label} variant="filled" aria-invalid={problem ? true : undefined}>
      {/* Laid out by the row's own width, not the window's: beside the projected build a wide window
          leaves the row narrow, and four fields abreast cut "Motherboard" and "— 1 available" off. */}
      <Grid gap="sm" align="flex-start" type="container" breakpoints={ROW_BREAKPOINTS}>
        <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
          <Select
            label="Action"
            data={actionOptions}
            value={value.action}
            allowDeselect={false}
            onChange={(v) => {
              if (isOneOf(ITEM_ACTIONS, v)) {
                onChange({ action: v, componentUuid: '', componentSerial: '', currentValue: '', requestedValue: '', setting: '' });
              }
            }}
            error={errors.action}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
          <Select
            // A configuration change is about a server setting: the component is optional context.
            label={value.action === 'modify' ? 'Component (optional)' : 'Component type'}
            placeholder={value.action === 'modify' ? 'None: a server setting' : 'Choose a type'}
            data={typeOptions}
            value={value.componentType || null}
            onChange={(v) =>
              onChange({ componentType: isOneOf(COMPONENT_TYPES, v) ? v : '', componentUuid: '', componentSerial: '', currentValue: '' })
            }
            error={errors.componentType}
            clearable={value.action === 'modify'}
            required={value.action !== 'modify'}
          />
        </Grid.Col>

        {value.action !== 'modify' && (
          <>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Select
                label={value.action === 'replace' ? 'New model' : 'Model'}
                placeholder={modelPlaceholder}
                data={candidateGroups ?? withCurrent(modelOptions, value.componentUuid)}
                value={value.componentUuid || null}
                onChange={(v) => onChange({ componentUuid: v ?? '', componentSerial: '' })}
                searchable
                clearable
                disabled={!type}
                nothingFoundMessage="No model matches"
                error={errors.componentUuid ?? (catalog.isError ? 'The models could not be loaded' : undefined)}
                required
              />
              {chosenModelLabel && (
                // A phone leaves the field narrower than a model's name and stock ("… — 1 ava"): the whole
                // label, wrapped, under it. Hidden from screen readers, which read the field's value.
                <Text size="xs" mt={4} hiddenFrom="sm" aria-hidden>
                  {chosenModelLabel}
                </Text>
              )}
            </Grid.Col>
            {value.action === 'replace' && (
              <Grid.Col span={{ base: 12, md: 6 }}>
                <Select
                  label="Unit to take out"
                  placeholder={noServer ? 'Choose the server first' : installed.length === 0 ? 'Nothing of this type installed' : 'Choose the installed unit'}
                  data={withCurrent(takeOutOptions, value.currentValue)}
                  value={value.currentValue || null}
                  onChange={(v) => onChange({ currentValue: v ?? '' })}
                  searchable
                  clearable
                  disabled={!type}
                  error={errors.currentValue}
                  required
                />
              </Grid.Col>
            )}
            <Grid.Col span={{ base: 12, sm: 8, md: value.action === 'replace' ? 4 : 6 }}>
              <Select
                label={value.action === 'replace' ? 'New unit serial (optional)' : 'Serial number (optional)'}
                placeholder={value.componentUuid ? (serialOptions.length ? 'Any unit' : 'No serial numbers listed') : 'Choose a model first'}
                data={withCurrent(serialOptions, value.componentSerial)}
                value={value.componentSerial || null}
                onChange={(v) => onChange(v ? { componentSerial: v, quantity: 1 } : { componentSerial: '' })}
                searchable
                clearable
                disabled={!value.componentUuid}
                error={errors.componentSerial}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4, md: 2 }}>
              <NumberInput
                label="Quantity"
                min={1}
                max={LIMITS.quantityMax}
                // Never clamp: 99 silently becoming 64 orders the wrong amount. Show the limit instead.
                clampBehavior="none"
                allowDecimal={false}
                allowNegative={false}
                value={value.quantity}
                onChange={(v) => onChange({ quantity: v })}
                disabled={Boolean(value.componentSerial)}
                error={errors.quantity ?? quantityError(value.quantity)}
                required
              />
            </Grid.Col>
          </>
        )}

        {value.action === 'modify' && (
          <>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Autocomplete
                label="Setting"
                placeholder={noServer ? 'Choose the server first' : 'e.g. bios.hyperthreading'}
                data={Object.keys(settings)}
                value={value.setting}
                maxLength={LIMITS.valueMax}
                onChange={(v) => onChange(v in settings ? { setting: v, currentValue: settings[v] ?? '' } : { setting: v })}
                error={errors.setting}
                required
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 6 }}>
              <TextInput
                label="Current value (optional)"
                value={value.currentValue}
                maxLength={LIMITS.valueMax}
                onChange={(e) => onChange({ currentValue: e.currentTarget.value })}
                error={errors.currentValue}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 6 }}>
              <TextInput
                label="Requested value"
                value={value.requestedValue}
                maxLength={LIMITS.valueMax}
                onChange={(e) => onChange({ requestedValue: e.currentTarget.value })}
                error={errors.requestedValue}
                required
              />
            </Grid.Col>
          </>
        )}

        <Grid.Col span={{ base: 12, md: value.action === 'modify' ? 12 : value.action === 'replace' ? 6 : 4 }}>
          {onRemove && (
            <Button variant="subtle" color="red.9" leftSection={<TrashIcon />} onClick={onRemove} aria-label={`Remove item ${index + 1}`} mt={{ base: 0, md: 24 }}>
              Remove
            </Button>
          )}
        </Grid.Col>
      </Grid>
      {(check || problem) && (
        <div aria-live="polite" style={{ marginTop: 8 }}>
          {problem ? (
            <Text size="sm" c="var(--bdc-text-danger)" role="alert" fw={500}>
              <WarningIcon size={14} style={{ verticalAlign: '-2px', marginRight: 4 }} />
              {label} was refused: {problem.message}
            </Text>
          ) : check ? (
            <ValidationMark status={check.status} message={check.message} />
          ) : null}
        </div>
      )}
    </Fieldset>
  );
}
