using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace NemoVideo.Client
{
    /// <summary>
    /// Keeps anonymous tokens between processes in &lt;config&gt;/anonymous_tokens.json, one entry per API and client id,
    /// with the token's expiry and when it was asked for. The service hands out one anonymous token per client id per
    /// 7 days, so a later PowerShell process must reuse the token an earlier one got instead of asking again.
    /// On Unix the file is created owner-only (0600, in a 0700 folder); on Windows the token inside is encrypted with
    /// DPAPI for the current user (<see cref="TokenProtection"/>), so another account cannot use it even if it can read the file.
    /// A lock file (opened with FileShare.None) makes check-then-fetch one step across processes, so two processes
    /// starting at once do not both ask.
    /// </summary>
    internal sealed class TokenCache
    {
        public const string FileName = "anonymous_tokens.json";
        public const string LockFileName = "anonymous_tokens.lock";

        /// <summary>How long a process waits for another one that is fetching a token before giving up.</summary>
        public static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(3);

        private readonly string directory;
        private readonly ClientLog? log;

        public TokenCache(string directory, ClientLog? log = null)
        {
            this.directory = directory;
            this.log = log;
        }

        public string FilePath => Path.Combine(directory, FileName);

        private string LockPath => Path.Combine(directory, LockFileName);

        /// <summary>Removes every stored anonymous token (Disconnect-Nemo -Forget). True when there was one.</summary>
        public static bool Forget(string directory)
        {
            var cache = new TokenCache(directory);
            if (!File.Exists(cache.FilePath))
            {
                return false;
            }

            using (cache.Lock(CancellationToken.None))
            {
                if (!File.Exists(cache.FilePath))
                {
                    return false;
                }

                File.Delete(cache.FilePath);
                return true;
            }
        }

        /// <summary>
        /// Holds the cross-process lock until disposed. FileShare.None is an exclusive lock on Windows and a flock on
        /// Unix, both released by the OS when a process dies, so a killed process cannot leave it held.
        /// </summary>
        public IDisposable Lock(CancellationToken cancellationToken)
        {
            OwnerOnlyFiles.CreateDirectory(directory);
            EnforceOwnerOnly();
            var waited = Stopwatch.StartNew();
            var random = new Random();
            while (true)
            {
                try
                {
                    return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (waited.Elapsed < LockTimeout)
                {
                    // Another process is fetching (or reading) a token; what it stores is what this one will use.
                    Task.Delay(50 + random.Next(100), cancellationToken).GetAwaiter().GetResult();
                }
                catch (IOException error)
                {
                    throw Failure.Of(
                        NemoErrorIds.ConfigTokenStoreLocked,
                        NemoErrorCategory.ResourceBusy,
                        $"Another NemoVideo process held '{LockPath}' for {LockTimeout.TotalMinutes:0} minutes while getting a token.",
                        "Wait for the other PowerShell processes using NemoVideo to finish, then run the command again.",
                        LockPath,
                        inner: error);
                }
            }
        }

        public StoredToken? Find(Uri api, string clientId) =>
            ReadAll().FirstOrDefault(entry => entry.Matches(api, clientId));

        /// <summary>Stores <paramref name="token"/>, replacing the entry for the same API and client id and dropping expired ones whose request is over 7 days old.</summary>
        public void Save(StoredToken token, DateTimeOffset now)
        {
            var entries = ReadAll()
                .Where(entry => !entry.Matches(new Uri(token.Api), token.ClientId)
                    && (entry.ExpiresAt > now || entry.RequestedAt + TokenProvider.AnonymousQuotaPeriod > now))
                .ToList();
            entries.Add(token);
            Write(entries);
        }

        /// <summary>Removes the entry only if it still holds <paramref name="staleToken"/> (another process may have replaced it).</summary>
        public void Remove(Uri api, string clientId, string staleToken)
        {
            var entries = ReadAll();
            var kept = entries.Where(entry => !(entry.Matches(api, clientId) && entry.Token == staleToken)).ToList();
            if (kept.Count != entries.Count)
            {
                Write(kept);
            }
        }

        /// <summary>
        /// Drops <paramref name="staleToken"/> (expired or refused with 1001) but keeps when it was asked for, as an
        /// expired entry without a token: the quota counts from that request, so a refused new one can name the date.
        /// </summary>
        public void Revoke(Uri api, string clientId, string staleToken)
        {
            var entries = ReadAll();
            var index = entries.FindIndex(entry => entry.Matches(api, clientId) && entry.Token == staleToken);
            if (index >= 0)
            {
                var stale = entries[index];
                entries[index] = stale with { Token = string.Empty, ExpiresAt = stale.RequestedAt };
                Write(entries);
            }
        }

        /// <summary>
        /// A folder or file made group/world-accessible after it was created (a restored backup, a umask, a chmod) is made
        /// owner-only again before a token is read or written in it, and that is said.
        /// </summary>
        private void EnforceOwnerOnly()
        {
            foreach (var (path, isDirectory) in new[] { (directory, true), (FilePath, false) })
            {
                try
                {
                    if (OwnerOnlyFiles.Tighten(path, isDirectory) is string was)
                    {
                        log?.Verbose($"{path} could be read by other accounts (mode {was}); made it owner-only ({(isDirectory ? "0700" : "0600")}) before keeping a token in it");
                    }
                }
                catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
                {
                    log?.Verbose($"could not make {path} owner-only: {error.Message}");
                }
            }
        }

        private List<StoredToken> ReadAll()
        {
            string text;
            try
            {
                text = File.ReadAllText(FilePath, Encoding.UTF8);
            }
            catch (Exception error) when (error is FileNotFoundException || error is DirectoryNotFoundException)
            {
                return new List<StoredToken>();
            }

            var entries = new List<StoredToken>();
            try
            {
                using var document = JsonDocument.Parse(text);
                if (!JsonFields.TryGet(document.RootElement, out var tokens, "tokens") || tokens.ValueKind != JsonValueKind.Array)
                {
                    return entries;
                }

                foreach (var item in tokens.EnumerateArray())
                {
                    var entry = StoredToken.FromJson(item);
                    if (entry != null)
                    {
                        entries.Add(entry);
                    }
                }
            }
            catch (JsonException error)
            {
                // A damaged file is as good as none: the next fetch rewrites it. Said, so a lost token is explained.
                log?.Verbose($"the stored anonymous tokens in {FilePath} could not be read ({error.Message}); treating the file as empty");
            }

            return entries;
        }

        private void Write(IReadOnlyList<StoredToken> entries)
        {
            OwnerOnlyFiles.CreateDirectory(directory);
            var temporary = Path.Combine(directory, "." + FileName + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                using (var stream = OwnerOnlyFiles.CreateNew(temporary))
                {
                    using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                    {
                        writer.WriteStartObject();
                        writer.WriteStartArray("tokens");
                        foreach (var entry in entries)
                        {
                            entry.WriteTo(writer);
                        }

                        writer.WriteEndArray();
                        writer.WriteEndObject();
                    }

                    // On disk before the rename: after a crash the store holds the old tokens or the new ones, never an
                    // empty file (which would cost a new anonymous token, against the 7-day quota).
                    stream.Flush(flushToDisk: true);
                }

                if (File.Exists(FilePath))
                {
                    File.Replace(temporary, FilePath, null);
                }
                else
                {
                    File.Move(temporary, FilePath);
                }
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }
    }

    /// <summary>One stored anonymous token. <see cref="RequestedAt"/> dates the request that counts against the 7-day quota.</summary>
    internal sealed record StoredToken(string Api, string ClientId, string Token, DateTimeOffset ExpiresAt, DateTimeOffset RequestedAt)
    {
        public bool Matches(Uri api, string clientId) =>
            string.Equals(Api, api.AbsoluteUri, StringComparison.OrdinalIgnoreCase) && string.Equals(ClientId, clientId, StringComparison.OrdinalIgnoreCase);

        public static StoredToken? FromJson(JsonElement item)
        {
            var api = JsonFields.String(item, "api");
            var clientId = JsonFields.String(item, "client_id");
            var protectedToken = JsonFields.String(item, "token");
            // No token: a revoked entry that only keeps the date of its request.
            var token = protectedToken is null ? string.Empty : TokenProtection.Unprotect(protectedToken);
            if (api is null || clientId is null || token is null
                || !DateTimeOffset.TryParse(JsonFields.String(item, "expires_at"), out var expiresAt)
                || !DateTimeOffset.TryParse(JsonFields.String(item, "requested_at"), out var requestedAt))
            {
                return null;
            }

            return new StoredToken(api, clientId, token, expiresAt, requestedAt);
        }

        public void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("api", Api);
            writer.WriteString("client_id", ClientId);
            if (Token.Length > 0)
            {
                writer.WriteString("token", TokenProtection.Protect(Token));
            }

            writer.WriteString("expires_at", ExpiresAt.ToString("o"));
            writer.WriteString("requested_at", RequestedAt.ToString("o"));
            writer.WriteEndObject();
        }

        // A record's generated ToString would print the token; nothing should, even by accident.
        public override string ToString() => $"anonymous token for {ClientId} at {Api}, expires {ExpiresAt:o}";
    }
}
