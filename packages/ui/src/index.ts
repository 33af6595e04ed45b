export { Alert, type AlertProps, type TAlertTone } from './components/alert.js';
export { Button, type ButtonProps } from './components/button.js';
export { Card, type CardProps } from './components/card.js';
export { Checkbox, type CheckboxProps } from './components/checkbox.js';
export { cx } from './components/class-names.js';
export { Logo, type LogoProps } from './components/logo.js';
export { RadioGroup, type RadioGroupProps, type TRadioOption } from './components/radio-group.js';
export { Spinner, type SpinnerProps } from './components/spinner.js';
export { TextField, type TextFieldProps } from './components/text-field.js';
export {
  colors,
  colorVar,
  elevation,
  fontStack,
  radius,
  spacing,
  type TColorScheme,
  type TColorTokens,
  toCssVariables,
  toStaticCssVariables,
} from './theme/tokens.js';
