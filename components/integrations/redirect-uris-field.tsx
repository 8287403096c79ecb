import { TextAreaField } from "@/components/ui/form-field";

/** The redirect URI allow-list box of the forms that start an integration, one URI per line. */
export function RedirectUrisField({ id, defaultValue, error }: { id: string; defaultValue?: string; error?: string }) {
  return (
    <TextAreaField
      id={id}
      name="redirect_uris"
      label="Redirect URIs, one per line (matched exactly: custom schemes like myapp://linked, or https links)"
      className="sm:col-span-2"
      required
      rows={3}
      placeholder={"myapp://linked\nhttps://app.example.com/linked"}
      defaultValue={defaultValue}
      error={error}
    />
  );
}
