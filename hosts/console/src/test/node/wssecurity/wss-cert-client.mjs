// An independent client: node-soap (npm 'soap') reads the published WSDL and calls getTotals with a message signed
// by an X.509 certificate (WSSecurityCert: an RSA-SHA256 signature over the Body and a Timestamp, the certificate in
// a BinarySecurityToken), as a non-Java caller would. node-soap signs but does not encrypt.
// Usage: node wss-cert-client.mjs <wsdl-url> <endpoint-url> <private-key.pem> <certificate.pem>
// Prints "OK <json>" or "FAULT <faultcode> <wcf4j code>", and exits 0 either way (1 on anything else).
import fs from 'node:fs';
import soap from 'soap';

const [wsdl, endpoint, keyFile, certificateFile] = process.argv.slice(2);
try {
  const client = await soap.createClientAsync(wsdl, { disableCache: true });
  client.setEndpoint(endpoint);
  // node-soap takes one certificate: the leaf, the first of the PEM chain
  const leaf = fs.readFileSync(certificateFile, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)[0];
  client.setSecurity(new soap.WSSecurityCert(fs.readFileSync(keyFile, 'utf8'), leaf, '',
    { hasTimeStamp: true, signerOptions: { prefix: 'ds' } }));
  const [result] = await client.getTotalsAsync({});
  console.log('OK ' + JSON.stringify(result));
} catch (e) {
  const body = e?.root?.Envelope?.Body?.Fault;
  if (body) {
    const code = body.faultcode ?? body.Code?.Value;
    const detail = body.detail?.code ?? body.Detail?.code ?? '';
    const reason = body.faultstring ?? body.Reason?.Text ?? '';
    console.log('FAULT ' + code + ' ' + (typeof detail === 'object' ? detail.$value ?? JSON.stringify(detail) : detail)
      + ' ' + (typeof reason === 'object' ? reason.$value ?? JSON.stringify(reason) : reason));
  } else {
    console.log('ERROR ' + (e?.stack ?? e));
    process.exit(1);
  }
}
