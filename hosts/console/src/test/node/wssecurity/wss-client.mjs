// An independent client: node-soap (npm 'soap') reads the published WSDL and calls getTotals with a WS-Security
// UsernameToken (PasswordDigest with Nonce and Created, and a Timestamp), as a non-Java caller would.
// Usage: node wss-client.mjs <wsdl-url> <endpoint-url> <user> <password>   (trust: NODE_EXTRA_CA_CERTS=ca.pem)
// Prints "OK <json>" or "FAULT <faultcode> <wcf4j code>", and exits 0 either way (1 on anything else).
import soap from 'soap';

const [wsdl, endpoint, user, password] = process.argv.slice(2);
try {
  const client = await soap.createClientAsync(wsdl, { disableCache: true });
  client.setEndpoint(endpoint);
  client.setSecurity(new soap.WSSecurity(user, password, { passwordType: 'PasswordDigest', hasTimeStamp: true, hasNonce: true }));
  const [result] = await client.getTotalsAsync({});
  console.log('OK ' + JSON.stringify(result));
} catch (e) {
  const body = e?.root?.Envelope?.Body?.Fault;
  if (body) {
    const code = body.faultcode ?? body.Code?.Value;
    const detail = body.detail?.code ?? body.Detail?.code ?? '';
    console.log('FAULT ' + code + ' ' + (typeof detail === 'object' ? detail.$value ?? JSON.stringify(detail) : detail));
  } else {
    console.log('ERROR ' + (e?.stack ?? e));
    process.exit(1);
  }
}
