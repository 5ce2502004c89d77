namespace NemoVideo.Client.Tests.Support;

/// <summary>Drafts in the service's short-key format, with fields this client does not know.</summary>
public static class Drafts
{
    public const string ThreeTracks =
        """{"t":[{"tt":0,"sg":[{"n":"city timelapse","st":0,"et":10000,"fx":{"lut":"warm","k":[1,2.50,3e2]}}]},{"tt":1,"sg":[{"n":"Lo-fi","st":0,"et":10000,"v":0.35}]},{"tt":7,"sg":[{"tx":"Urban Dreams","st":0,"et":3000,"font":"Inter"}],"lock":true}],"d":10000,"m":{"compress":{"max_bytes":52428800},"x_future":null},"unknown_top":"é\u00e9"}""";

    public const string Empty = """{"t":[],"d":0}""";

    public const string OneVideo = """{"t":[{"tt":0,"sg":[{"n":"clip","st":0,"et":5000}]}],"d":5000}""";

    public static string State(string draft) => $$"""{"draft":{{draft}},"video_infos":[],"canvas_config":{"w":1080},"generated_media":[]}""";
}
