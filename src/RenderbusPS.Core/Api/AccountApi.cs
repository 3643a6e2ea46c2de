using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Api
{
    /// <summary>A time window of the account's logs (<see cref="AccountApi.OperationLog"/>,
    /// <see cref="AccountApi.LoginLog"/>).</summary>
    internal sealed class RbLogQuery
    {
        /// <summary>Records from this time on; default 30 days before <see cref="Before"/>.</summary>
        public DateTimeOffset? After { get; set; }
        /// <summary>Records up to this time; default now.</summary>
        public DateTimeOffset? Before { get; set; }
        public int PageSize { get; set; } = RbCatalog.PageLimit;
        public long Skip { get; set; }
        public long? First { get; set; }

        /// <summary>The days a window reaches back when only one end (or none) is given.</summary>
        public static readonly TimeSpan DefaultSpan = TimeSpan.FromDays(30);

        internal (DateTimeOffset After, DateTimeOffset Before) Window()
        {
            var before = Before ?? DateTimeOffset.UtcNow;
            var after = After ?? before - DefaultSpan;
            RbInputRules.CheckLogTimeRange(after, before);
            return (after, before);
        }
    }

    /// <summary>Account operations: platforms, the user profile and settings, hardware, pack nodes and the account's
    /// logs.</summary>
    internal sealed class AccountApi : IRbUserReader
    {
        private readonly RbClient client;

        public AccountApi(RbClient client) => this.client = client
            ?? throw new System.ArgumentNullException(nameof(client));

        /// <summary>The render clusters of the session's zone.</summary>
        [RbSends(nameof(RbCatalog.QueryPlatforms))]
        public async Task<IReadOnlyList<RbPlatform>> GetPlatformsAsync(CancellationToken cancellationToken)
        {
            var response = await client.SendAsync(
                RbCatalog.QueryPlatforms, new RbBody().Add("zone", client.Zone), cancellationToken)
                .ConfigureAwait(false);
            return RbWire.List<RbPlatform>(response.Data);
        }

        /// <summary>The account's profile.</summary>
        [RbSends(nameof(RbCatalog.QueryUserProfile))]
        public async Task<RbUser> GetUserAsync(CancellationToken cancellationToken)
        {
            var response = await client.SendAsync(RbCatalog.QueryUserProfile, null, cancellationToken)
                .ConfigureAwait(false);
            return RbWire.Read<RbUser>(response.Data);
        }

        /// <summary>The account's settings.</summary>
        [RbSends(nameof(RbCatalog.QueryUserSetting))]
        public async Task<RbUserSetting> GetSettingAsync(CancellationToken cancellationToken)
        {
            var response = await client.SendAsync(RbCatalog.QueryUserSetting, null, cancellationToken)
                .ConfigureAwait(false);
            return RbWire.Read<RbUserSetting>(response.Data);
        }

        /// <summary>
        /// Sets the account's default task time-out: a frame of a task submitted from now on that renders longer stops
        /// the task. Sent as <c>taskOverTimeSec</c> (whole seconds). Returns the settings as they are afterwards.
        /// </summary>
        [RbSends(nameof(RbCatalog.UpdateUserSetting), nameof(RbCatalog.QueryUserSetting))]
        public async Task<RbUserSetting> SetTaskTimeoutAsync(TimeSpan taskTimeout, CancellationToken cancellationToken)
        {
            var body = CheckTaskTimeout(taskTimeout);
            await client.SendAsync(RbCatalog.UpdateUserSetting, body, cancellationToken).ConfigureAwait(false);
            return await GetSettingAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Refuses a time-out this session cannot set, before anything is sent: one out of range
        /// (Rb.InvalidTaskTimeout), or on a v1 session one that is not whole hours (Rb.NotInPathSet). Returns the body
        /// that sets it.
        /// </summary>
        public RbBody CheckTaskTimeout(TimeSpan taskTimeout)
        {
            var body = new RbBody().Add("taskOverTimeSec", RbInputRules.CheckTaskTimeout(taskTimeout));
            client.CheckSendable(RbCatalog.UpdateUserSetting, body);
            return body;
        }

        /// <summary>The account's pack-node plans (reserved render nodes).</summary>
        [RbSends(nameof(RbCatalog.GetUserPackNodeInfo))]
        public async Task<IReadOnlyList<RbPackNode>> GetPackNodesAsync(CancellationToken cancellationToken)
        {
            var response = await client.SendAsync(RbCatalog.GetUserPackNodeInfo, null, cancellationToken)
                .ConfigureAwait(false);
            return RbWire.List<RbPackNode>(response.Data);
        }

        /// <summary>A pager over the account's operation log on the session's platform (<c>taskRecord</c>), one request
        /// per page.</summary>
        [RbSends(nameof(RbCatalog.TaskRecord))]
        public RbPager<RbOperationRecord> OperationLog(RbLogQuery? query)
            => LogPager<RbOperationRecord>(RbCatalog.TaskRecord, client.Platform, (r, p) => r.Position = p,
                r => r.Position, "operation records", query);

        /// <summary>A pager over the account's login log (<c>loginRecord</c>), one request per page.</summary>
        [RbSends(nameof(RbCatalog.LoginRecord))]
        public RbPager<RbLoginRecord> LoginLog(RbLogQuery? query)
            => LogPager<RbLoginRecord>(RbCatalog.LoginRecord, null, (r, p) => r.Position = p, r => r.Position,
                "login records", query);

        /// <summary>
        /// A log's pager: a page of the window asked for (<c>platform</c> only when given), each record numbered by its
        /// place in the log, which is its key.
        /// </summary>
        private RbPager<T> LogPager<T>(RbOperation op, int? platform, Action<T, long> setPosition,
            Func<T, long> positionOf,
            string what, RbLogQuery? query)
        {
            query ??= new RbLogQuery();
            var (after, before) = query.Window();
            return new RbPager<T>(async (page, size, ct) =>
            {
                var body = new RbBody()
                    .Add("platform", platform)
                    .Add("pageNum", page)
                    .Add("pageSize", size)
                    .Add("startDate", RbServiceTime.ToText(after))
                    .Add("endDate", RbServiceTime.ToText(before));
                var read = await client.ReadAsync(op, body, (ref Utf8JsonReader r) => RbWire.Page<T>(ref r, page), ct)
                    .ConfigureAwait(false);
                return Numbered(read, page, size, setPosition);
            }, positionOf, query.PageSize, op.MaxPageSize, query.Skip, query.First, what,
                throttleLimit: client.ThrottleLimit);
        }

        /// <summary>Log records have no id of their own: each is known by its place in the log.</summary>
        private static RbPage<T> Numbered<T>(RbPage<T> page, int pageNum, int size, Action<T, long> set)
        {
            var start = (long)(pageNum - 1) * size;
            for (var i = 0; i < page.Items.Count; i++) set(page.Items[i], start + i);
            return page;
        }
    }
}
