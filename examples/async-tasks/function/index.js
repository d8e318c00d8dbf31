// The function this example deploys: it "processes an order". An order marked {"fail": true} fails
// (through the callback, FC's HandledInvocationError), so the async config's retries and its onFailure
// destination can be seen at work; any other order succeeds.
exports.handler = (event, context, callback) => {
  const order = JSON.parse(event.toString() || "{}");
  context.logger.info(`processing order ${order.orderId}`);
  if (order.fail) {
    callback(new Error(`order ${order.orderId} cannot be processed`));
    return;
  }
  callback(null, { orderId: order.orderId, status: "processed" });
};
