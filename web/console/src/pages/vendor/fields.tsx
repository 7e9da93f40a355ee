import type { ComponentChildren } from "preact";

/** A userErrors entry with its field path as the form keys it: `offers.0.eligibility` for ["input","offers","0","eligibility"]. */
export interface FormError {
  key: string;
  message: string;
  code: string;
}

export const idOf = (key: string) => `f-${key.replace(/\./g, "-")}`;

/** The element to focus for an error: its field's, or the nearest enclosing one shown (a list, an item). */
export function targetOf(key: string): HTMLElement | null {
  const parts = key ? key.split(".") : [];
  for (let n = parts.length; n > 0; n--) {
    const el = document.getElementById(idOf(parts.slice(0, n).join(".")));
    if (el) return el;
  }
  return document.getElementById("edit-form");
}

/** The API's wording, where it is a validation library's rather than a person's. */
export function plain(message: string): string {
  return message === "String must contain at least 1 character(s)" ? "must not be empty" : message;
}

/** The messages for exactly this field, under its label, tied to the control by aria-describedby. */
export function ErrorText({ id, errors }: { id: string; errors: FormError[] }) {
  if (!errors.length) return null;
  return (
    <p id={`${id}-error`} class="field-error">
      <span class="visually-hidden">Error: </span>
      {errors.map((e) => plain(e.message)).join("; ")}
    </p>
  );
}

interface FieldProps {
  k: string;
  label: string;
  hint?: string;
  errors: FormError[];
}

function described(id: string, hint: string | undefined, errors: FormError[]) {
  const ids = [hint ? `${id}-hint` : "", errors.length ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { "aria-describedby": ids || undefined, "aria-invalid": errors.length ? true : undefined };
}

export function Field({
  k,
  label,
  hint,
  errors,
  children,
}: FieldProps & { children: (props: Record<string, unknown>) => ComponentChildren }) {
  const id = idOf(k);
  const mine = errors.filter((e) => e.key === k);
  return (
    <div class={`form-field${mine.length ? " has-error" : ""}`}>
      <label for={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      ) : null}
      <ErrorText id={id} errors={mine} />
      {children({ id, name: k, ...described(id, hint, mine) })}
    </div>
  );
}

export function TextInput(
  props: FieldProps & {
    value: string;
    onChange: (v: string) => void;
    long?: boolean;
    inputMode?: "numeric";
    /** The API's limit: longer is refused before any field is checked, so the field never takes more. */
    maxLength?: number;
  },
) {
  return (
    <Field {...props}>
      {(a) =>
        props.long ? (
          <textarea
            {...a}
            rows={5}
            maxLength={props.maxLength}
            value={props.value}
            onInput={(e) => props.onChange(e.currentTarget.value)}
          />
        ) : (
          <input
            {...a}
            type="text"
            inputMode={props.inputMode}
            maxLength={props.maxLength}
            value={props.value}
            onInput={(e) => props.onChange(e.currentTarget.value)}
          />
        )
      }
    </Field>
  );
}

/** A list of short strings, one a line. */
export function LinesInput(props: FieldProps & { value: string[]; onChange: (v: string[]) => void }) {
  return (
    <Field {...props}>
      {(a) => (
        <textarea
          {...a}
          rows={Math.min(8, Math.max(2, props.value.length + 1))}
          value={props.value.join("\n")}
          onInput={(e) =>
            props.onChange(
              e.currentTarget.value
                .split("\n")
                .map((s) => s.trim())
                .filter((s, i, all) => s !== "" || i === all.length - 1),
            )
          }
          onBlur={() => props.onChange(props.value.filter((s) => s !== ""))}
        />
      )}
    </Field>
  );
}

export function SelectInput<T extends string>(
  props: FieldProps & { value: T | null; options: Record<T, string>; none?: string; onChange: (v: T | null) => void },
) {
  return (
    <Field {...props}>
      {(a) => (
        <select
          {...a}
          value={props.value ?? ""}
          onChange={(e) => props.onChange((e.currentTarget.value || null) as T | null)}
        >
          {props.none !== undefined ? <option value="">{props.none}</option> : null}
          {(Object.keys(props.options) as T[]).map((v) => (
            <option key={v} value={v}>
              {props.options[v]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Several values of an enum, as checkboxes in a fieldset. */
export function ChecksInput<T extends string>(
  props: FieldProps & { value: T[]; options: Record<T, string>; onChange: (v: T[]) => void },
) {
  const id = idOf(props.k);
  const mine = props.errors.filter((e) => e.key === props.k || e.key.startsWith(`${props.k}.`));
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      class={`form-field checks${mine.length ? " has-error" : ""}`}
      aria-describedby={mine.length ? `${id}-error` : undefined}
    >
      <legend>{props.label}</legend>
      <ErrorText id={id} errors={mine} />
      {(Object.keys(props.options) as T[]).map((v) => (
        <label key={v} class="check">
          <input
            type="checkbox"
            name={props.k}
            value={v}
            checked={props.value.includes(v)}
            onChange={(e) =>
              props.onChange(e.currentTarget.checked ? [...props.value, v] : props.value.filter((x) => x !== v))
            }
          />{" "}
          {props.options[v]}
        </label>
      ))}
    </fieldset>
  );
}
