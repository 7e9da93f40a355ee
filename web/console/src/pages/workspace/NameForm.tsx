import { useState } from "preact/hooks";

/**
 * A one-line form for a name (1 to 200 characters): starting a shortlist,
 * renaming one, saving or renaming a search. `onSave` answers whether it
 * worked; the field empties after a save when `clearOnSave`.
 */
export function NameForm({
  id,
  label,
  submit,
  initial = "",
  placeholder,
  busy,
  required = true,
  clearOnSave = false,
  onSave,
}: {
  id: string;
  label: string;
  submit: string;
  initial?: string;
  placeholder?: string;
  busy: boolean;
  required?: boolean;
  clearOnSave?: boolean;
  onSave: (name: string) => Promise<boolean>;
}) {
  const [name, setName] = useState(initial);
  return (
    <form
      class="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(name.trim()).then((ok) => ok && clearOnSave && setName(""));
      }}
    >
      <label for={id}>{label}</label>
      <input
        id={id}
        value={name}
        maxLength={200}
        required={required}
        placeholder={placeholder}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <button type="submit" class="button" disabled={busy}>
        {submit}
      </button>
    </form>
  );
}

/** What went wrong with the last change, where the change was asked for. */
export function ActionMessage({ message }: { message: string | null }) {
  return message ? (
    <p class="field-error" role="alert">
      {message}
    </p>
  ) : null;
}
