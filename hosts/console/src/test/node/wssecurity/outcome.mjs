// How the interop clients report a call, for the tests that run them: "OK <json>" or
// "FAULT <faultcode> <wcf4j code> <reason>", exit 0 either way; anything else (no SOAP answer at all) exits 1.
export async function report(call) {
  try {
    const [result] = await call();
    console.log('OK ' + JSON.stringify(result));
  } catch (e) {
    const fault = e?.root?.Envelope?.Body?.Fault;
    if (!fault) {
      console.log('ERROR ' + (e?.stack ?? e));
      process.exit(1);
    }
    const text = (v) => (typeof v === 'object' ? v.$value ?? JSON.stringify(v) : v);
    const code = fault.faultcode ?? fault.Code?.Value;
    const detail = fault.detail?.code ?? fault.Detail?.code ?? '';
    const reason = fault.faultstring ?? fault.Reason?.Text ?? '';
    console.log('FAULT ' + text(code) + ' ' + text(detail) + ' ' + text(reason));
  }
}
