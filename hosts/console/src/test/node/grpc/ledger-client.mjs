// An independent gRPC client of the ledger: grpc-js with the .proto the host publishes at /metadata/ledger.proto,
// nothing generated from Java. Usage: node ledger-client.mjs <host:port> <ledger.proto>; WCF4J_AUTHORIZATION holds
// the Authorization metadata value (kept out of the command line). Prints what it saw as one JSON object.
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';

const [address, protoPath] = process.argv.slice(2);
const definition = protoLoader.loadSync(protoPath, { keepCase: true, longs: String, enums: String, defaults: false, oneofs: true });
const Ledger = grpc.loadPackageDefinition(definition).io.wcf4j.sample.ledger.ledger.Ledger;
const client = new Ledger(address, grpc.credentials.createInsecure());

function call(method, request, deadline = Date.now() + 10_000) {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', process.env.WCF4J_AUTHORIZATION);
  return new Promise((resolve, reject) =>
    client[method](request, metadata, { deadline }, (err, reply) => (err ? reject(err) : resolve(reply))));
}

// google.rpc.Status and ErrorInfo, as the grpc-status-details-bin trailer carries them
const rpc = protobuf.parse(`syntax = "proto3"; package google.rpc;
  message Any { string type_url = 1; bytes value = 2; }
  message Status { int32 code = 1; string message = 2; repeated Any details = 3; }
  message ErrorInfo { string reason = 1; string domain = 2; map<string, string> metadata = 3; }`, { keepCase: true }).root;
const ledgerTypes = protobuf.loadSync(protoPath);

function details(err) {
  const bin = err.metadata.get('grpc-status-details-bin')[0];
  const status = rpc.lookupType('google.rpc.Status').decode(bin);
  const out = { code: status.code, message: status.message, details: [] };
  for (const any of status.details) {
    const typeName = any.type_url.substring(any.type_url.lastIndexOf('/') + 1);
    const type = typeName === 'google.rpc.ErrorInfo' ? rpc.lookupType(typeName) : ledgerTypes.lookupType(typeName);
    out.details.push({ type: typeName, value: type.toObject(type.decode(any.value), { longs: String }) });
  }
  return out;
}

const seen = {};
const a = (await call('OpenAccount', { owner: 'grpc-js', initialDeposit: '100.00' })).result;
const b = (await call('OpenAccount', { owner: 'grpc-js 2', initialDeposit: '1.50' })).result;
seen.opened = a;
seen.fetched = (await call('GetAccount', { accountId: a.id })).result;
seen.receipt = (await call('Transfer', { request: { requestId: `grpc-js-${Date.now()}`, fromAccount: a.id, toAccount: b.id, amount: '10.25' } })).result;
try {
  await call('Transfer', { request: { requestId: `grpc-js-f-${Date.now()}`, fromAccount: b.id, toAccount: a.id, amount: '999.00' } });
  seen.fault = 'none';
} catch (err) {
  seen.fault = { code: err.code, description: err.details, status: details(err) };
}
try {
  await call('GetTotals', {}, Date.now() + 1);
  seen.deadline = 'none';
} catch (err) {
  seen.deadline = { code: err.code };
}
client.close();
console.log(JSON.stringify(seen));
