import { useQuery } from "@urql/preact";
import { ErrorText, FormError, idOf } from "./fields";
import { CapabilityTreeDoc } from "./queries";

interface Node {
  slug: string;
  name: string;
  children?: Node[];
}

/**
 * The listing's capabilities as checkboxes in the taxonomy's tree: a group
 * per top-level capability, which can itself be chosen. A capability the
 * listing has that the taxonomy no longer holds stays listed, to untick.
 */
export function CapabilitiesInput({
  value,
  errors,
  onChange,
}: {
  value: string[];
  errors: FormError[];
  onChange: (v: string[]) => void;
}) {
  const [{ data, error }] = useQuery({ query: CapabilityTreeDoc });
  const id = idOf("capabilities");
  const mine = errors.filter((e) => e.key === "capabilities" || e.key.startsWith("capabilities."));
  const known = new Set<string>();
  const walk = (n: Node) => {
    known.add(n.slug);
    n.children?.forEach(walk);
  };
  data?.capabilities.forEach(walk);
  const unknown = value.filter((s) => data && !known.has(s));
  const box = (n: Node, label = n.name) => (
    <label class="check" key={n.slug}>
      <input
        type="checkbox"
        name="capabilities"
        value={n.slug}
        checked={value.includes(n.slug)}
        onChange={(e) => onChange(e.currentTarget.checked ? [...value, n.slug] : value.filter((s) => s !== n.slug))}
      />{" "}
      {label}
    </label>
  );
  const flat = (n: Node): Node[] => (n.children ?? []).flatMap((c) => [c, ...flat(c)]);
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      class={`form-field capabilities${mine.length ? " has-error" : ""}`}
      aria-describedby={mine.length ? `${id}-error` : undefined}
    >
      <legend>Capabilities</legend>
      <ErrorText id={id} errors={mine} />
      {error ? <p class="field-error">The capabilities could not be loaded; try again shortly.</p> : null}
      {!data && !error ? <p class="hint">Loading the capabilities…</p> : null}
      {data?.capabilities.map((root) => (
        <fieldset key={root.slug} class="capability-group">
          <legend>{root.name}</legend>
          {box(root, `${root.name} (in general)`)}
          {flat(root).map((c) => box(c))}
        </fieldset>
      ))}
      {unknown.map((slug) => box({ slug, name: slug }, `${slug} (not in the taxonomy)`))}
    </fieldset>
  );
}
