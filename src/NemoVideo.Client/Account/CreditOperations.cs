using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Client
{
    internal sealed class CreditOperations(ApiTransport transport)
    {
        public async Task<NemoCredit> GetAsync(CancellationToken cancellationToken)
        {
            const string path = "api/credits/balance/simple";
            var payload = await transport.SendJsonAsync(new ApiCall(HttpMethod.Get, path, Idempotent: true, "credits"), cancellationToken)
                .ConfigureAwait(false);
            var available = JsonFields.Number(payload, "available");
            if (available is null)
            {
                throw ApiErrors.Unexpected("the credit balance has no 'available' field", transport.Context("credits"), null);
            }

            var frozen = (decimal)(JsonFields.Number(payload, "frozen") ?? 0);
            var total = (decimal?)JsonFields.Number(payload, "total") ?? (decimal)available.Value + frozen;
            return new NemoCredit((decimal)available.Value, frozen, total);
        }
    }
}
