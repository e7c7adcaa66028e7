import { TextInput } from '@mantine/core';

/** A unit's purchase and warranty-end dates (YYYY-MM-DD, '' when unset), for a form's grid. */
export function UnitDateInputs({
  purchaseDate,
  warrantyEndDate,
  onPurchaseDate,
  onWarrantyEndDate,
  errors,
}: {
  purchaseDate: string;
  warrantyEndDate: string;
  onPurchaseDate: (v: string) => void;
  onWarrantyEndDate: (v: string) => void;
  errors: Record<string, string>;
}) {
  return (
    <>
      <TextInput label="Purchase date" type="date" value={purchaseDate} onChange={(e) => onPurchaseDate(e.currentTarget.value)} error={errors.purchaseDate} />
      <TextInput
        label="Warranty end date"
        type="date"
        value={warrantyEndDate}
        onChange={(e) => onWarrantyEndDate(e.currentTarget.value)}
        error={errors.warrantyEndDate}
      />
    </>
  );
}
