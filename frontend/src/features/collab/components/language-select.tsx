import { SelectField } from "@/components/ui/field";
import { type LanguageOption, withCurrent } from "@/lib/languages";

export function LanguageSelect({
  options,
  value,
  disabled,
  onChange,
}: {
  options: LanguageOption[];
  value: string;
  disabled: boolean;
  onChange: (language: string) => void;
}) {
  return (
    <SelectField
      label="Language"
      hideLabel
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
      className="w-44"
      data-testid="language-select"
    >
      {withCurrent(options, value).map((option) => (
        <option key={option.id} value={option.id}>
          {option.name}
        </option>
      ))}
    </SelectField>
  );
}
