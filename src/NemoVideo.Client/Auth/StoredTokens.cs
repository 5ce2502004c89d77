namespace NemoVideo.Client
{
    /// <summary>The anonymous tokens kept between processes (see <see cref="NemoClientOptions.PersistAnonymousToken"/>).</summary>
    public static class StoredTokens
    {
        /// <summary>Deletes every stored anonymous token in <paramref name="configDirectory"/> (default ~/.config/nemovideo). True when there was one.</summary>
        /// <remarks>
        /// The client id stays: the service still counts its 7-day quota, so the next anonymous token may be refused
        /// (HTTP 429) until then. Set NEMO_TOKEN to work meanwhile.
        /// </remarks>
        public static bool Forget(string? configDirectory = null) =>
            TokenCache.Forget(configDirectory ?? ClientIdStore.DefaultDirectory());

        /// <summary>The file the tokens are kept in.</summary>
        public static string PathIn(string? configDirectory = null) =>
            new TokenCache(configDirectory ?? ClientIdStore.DefaultDirectory()).FilePath;
    }
}
