// Type tests of sealcard/react: compiled with `tsc --noEmit` under `strict` (JSX: react-jsx).
import { StrictMode } from 'react';
import { CardField, SealCardProvider, useSealCard, type CardFieldProps } from 'sealcard/react';
import type { ChangeEvent, SealCardError } from 'sealcard';

function Pay({ clientKey }: { clientKey: string }) {
  const { ready, state, loadError, createPaymentMethod, confirmPayment } = useSealCard();
  const complete: boolean | undefined = state?.complete;
  const why: SealCardError | undefined = loadError;
  const pay = async () => {
    const made = await createPaymentMethod({ metadata: { order: 42 } });
    if (!made.error) void made.paymentMethod.last4;
    const paid = await confirmPayment(clientKey);
    if (paid.error) void paid.error.retryable;
    // @ts-expect-error — a client key is required
    await confirmPayment();
  };
  void why;
  return (
    <button disabled={!ready || !complete} onClick={() => void pay()}>
      Pay
    </button>
  );
}

export function Checkout({ clientKey }: { clientKey: string }) {
  const onChange = (state: ChangeEvent) => void state.brand;
  return (
    <StrictMode>
      <SealCardProvider options={{ publicKey: 'pk_test_x', frameUrl: 'https://fields.example/frame/frame.html', locale: 'fil' }}>
        <CardField
          id="card"
          className="card"
          mode="inline"
          options={{ style: { fontSize: '16px' }, showName: true }}
          onChange={onChange}
          onReady={() => undefined}
          onFocus={({ field }) => void field}
          onBlur={({ field }) => void field}
          onLoadError={({ error }) => void error.code}
        />
        <Pay clientKey={clientKey} />
      </SealCardProvider>
    </StrictMode>
  );
}

// @ts-expect-error — the key is required
const missingKey = <SealCardProvider options={{}} />;
// @ts-expect-error — only the two modes exist
const badMode = <CardField mode="popup" />;
const props: CardFieldProps = { mode: 'isolated' };
void [missingKey, badMode, props];
