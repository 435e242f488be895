import { Field } from "@/components/ui/field";
import { PASSWORD_MAX_LENGTH } from "@/lib/users/password-rules";

/** A new password typed twice, with the rule's hint: for the set-password link and the own-password change. */
export function NewPasswordFields({
  labels,
  errors,
  autoFocus = false,
}: {
  labels: { password: string; confirmation: string; hint: string };
  errors?: { password?: string; confirmation?: string };
  autoFocus?: boolean;
}) {
  return (
    <>
      <div className="space-y-1">
        <Field
          id="new-password"
          name="password"
          type="password"
          label={labels.password}
          autoComplete="new-password"
          maxLength={PASSWORD_MAX_LENGTH}
          error={errors?.password}
          required
          autoFocus={autoFocus}
        />
        <p className="text-xs text-slate-500">{labels.hint}</p>
      </div>
      <Field
        id="new-password-confirmation"
        name="confirmation"
        type="password"
        label={labels.confirmation}
        autoComplete="new-password"
        maxLength={PASSWORD_MAX_LENGTH}
        error={errors?.confirmation}
        required
      />
    </>
  );
}
