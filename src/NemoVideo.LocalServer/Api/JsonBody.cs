using System.Text.Json;

namespace NemoVideo.LocalServer.Api;

/// <summary>Reads a JSON request body, answering 4000 with a readable message instead of the framework's bare 400.</summary>
internal static class JsonBody
{
    public static async Task<(T? Body, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, ServerJson.Rest, cancellationToken);
            return body is null ? (null, ApiResults.Error(ApiErrors.BadRequest("The request body must be a JSON object."))) : (body, null);
        }
        catch (JsonException error)
        {
            return (null, ApiResults.Error(ApiErrors.BadRequest($"The request body is not valid JSON: {error.Message}")));
        }
    }
}
