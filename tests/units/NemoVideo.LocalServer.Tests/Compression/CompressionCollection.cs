namespace NemoVideo.LocalServer.Tests.Compression;

/// <summary>All engine tests share one set of generated clips and run one after another (ffmpeg already uses both cores).</summary>
[CollectionDefinition(Name)]
public sealed class CompressionCollection : ICollectionFixture<ClipFixture>
{
    public const string Name = "Compression engine with real ffmpeg";
}
