namespace NemoVideo.LocalServer.Api;

/// <summary>The contract's response envelope: <c>{"code","message","data"}</c>.</summary>
public static class ApiResults
{
    public static IResult Ok(object data) =>
        Results.Json(new Envelope(0, "success", data), ServerJson.Rest);

    public static IResult Error(ApiError error) =>
        Results.Json(new Envelope(error.Code, error.Message, error.Data), ServerJson.Rest, statusCode: error.HttpStatus);

    private sealed record Envelope(int Code, string Message, object? Data);
}
