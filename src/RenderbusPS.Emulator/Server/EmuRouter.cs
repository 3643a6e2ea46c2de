using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using RenderbusPS.Core;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Emulator.Faults;
using RenderbusPS.Emulator.Handlers;
using RenderbusPS.Emulator.Store;

namespace RenderbusPS.Emulator.Server
{
    /// <summary>
    /// Routes a request through the catalog to its handler and turns the outcome into a reply. Two kinds of "not there"
    /// stay apart: a path that is no API answers 400 ("No API at …"); an API whose task, frame or environment does not
    /// exist answers what its handler says (404 for a missing resource). A handler that fails answers 500 with a
    /// message, never a reset connection.
    /// </summary>
    internal sealed class EmuRouter
    {
        private readonly Dictionary<string, (RbOperation Op,
            EmuHandler Handler)> routes = new Dictionary<string, (RbOperation, EmuHandler)>(StringComparer.Ordinal);
        private readonly EmuStore store;
        private readonly RbEmulatorFaults faults;

        public EmuRouter(EmuStore store, RbEmulatorFaults faults)
        {
            this.store = store;
            this.faults = faults;
            var handlers = new Dictionary<RbOperation, EmuHandler>();
            AccountHandlers.Register(handlers);
            TaskHandlers.Register(handlers);
            TaskActionHandlers.Register(handlers);
            FrameHandlers.Register(handlers);
            SoftwareHandlers.Register(handlers);
            ProjectHandlers.Register(handlers);
            SubmitHandlers.Register(handlers);
            OutputHandlers.Register(handlers);
            TransferHandlers.Register(handlers);
            foreach (var kv in handlers)
            {
                // one handler serves both path sets: on the v1 path the body and answer pass through RbV1Bodies
                routes[kv.Key.Path] = (kv.Key, kv.Value);
                if (kv.Key.V1Path != null) routes[kv.Key.V1Path] = (kv.Key, kv.Value);
            }
        }

        /// <summary>The operations this emulator serves (on every path the catalog gives them).</summary>
        public IReadOnlyList<RbOperation> Served => routes.Values.Select(r => r.Op).Distinct().ToList();

        /// <summary>The paths this emulator serves, of both path sets.</summary>
        public IReadOnlyCollection<string> ServedPaths => routes.Keys.ToList();

        public RbOperation? Find(string path) => routes.TryGetValue(path, out var r) ? r.Op : null;

        /// <summary>Answers a request that passed the signature gate.</summary>
        public EmuReply Answer(string path, JsonElement body, string requestId, RbPathSet pathSet = RbPathSet.Current)
        {
            var served = routes.TryGetValue(path, out var route);
            var fault = faults.Take(served ? route.Op.Name : null);
            if (fault != null && fault.LoseAnswer)
            {
                // the change is made, and the answer never reaches the client
                Answer(route, path, body, requestId, pathSet, null).Release();
                return EmuReply.Dropped();
            }
            if (fault != null && !fault.Throw)
            {
                if (fault.Reset) return EmuReply.Dropped();
                if (fault.HttpStatus != 0) return EmuReply.HttpFailure(fault.HttpStatus);
                if (fault.Garble) return EmuReply.Html();
                return EmuReply.Envelope(fault.Code, "Injected failure " + fault.Code + ".", null, requestId, pathSet,
                    store.ServiceNowMs);
            }
            if (!served)
                return EmuReply.Envelope(RbCodes.ApiError, $"No API at {path}.", null, requestId, pathSet,
                    store.ServiceNowMs);
            return Answer(route, path, body, requestId, pathSet, fault);
        }

        private EmuReply Answer(
            (RbOperation Op, EmuHandler Handler) route, string path, JsonElement body, string requestId,
            RbPathSet pathSet, RbFault? fault)
        {
            if (body.ValueKind != JsonValueKind.Object)
                return EmuReply.Envelope(RbCodes.ParameterInvalid, "The body must be a JSON object.", null, requestId,
                    pathSet, store.ServiceNowMs);
            try
            {
                JsonNode? data;
                if (fault != null) throw new InvalidOperationException("injected handler failure");
                JsonDocument? translated = null;
                try
                {
                    if (pathSet == RbPathSet.V1)
                    {
                        // the handler reads the current path set's names; a v1 body is translated in the one place that
                        // knows both
                        JsonObject current;
                        try
                        {
                            current = RbV1Bodies.FromV1(route.Op, (JsonObject)JsonNode.Parse(body.GetRawText())!);
                        }
                        catch (FormatException ex)
                        {
                            throw new EmuError(RbCodes.ParameterInvalid, ex.Message);
                        }
                        translated = JsonDocument.Parse(current.ToJsonString());
                        body = translated.RootElement;
                    }
                    lock (store.Sync)
                    {
                        var now = store.Tick();
                        try
                        {
                            data = route.Handler(new EmuRequest(route.Op, body, store, faults, now, pathSet));
                            EmuAccountLog.Record(store, route.Op, path, body, now);
                        }
                        finally
                        {
                            if (!route.Op.IsRead) store.Touch();
                        }
                    }
                }
                finally
                {
                    translated?.Dispose();
                }
                // the v1 translation works on a tree: pre-written JSON is parsed for it
                if (pathSet == RbPathSet.V1) data = RbV1Bodies.AnswerToV1(route.Op, EmuRawJson.Materialize(data));
                return EmuReply.Envelope(RbCodes.Success, "success", data, requestId, pathSet, store.ServiceNowMs);
            }
            catch (EmuError error)
            {
                return EmuReply.Envelope(error.Code, error.Message, null, requestId, pathSet, store.ServiceNowMs);
            }
            catch (Exception ex)
            {
                return EmuReply.Envelope(RbCodes.InternalError, $"The emulator failed to answer {route.Op.Name}: "
                    + $"{ex.GetType().Name}: {ex.Message}", null, requestId, pathSet, store.ServiceNowMs);
            }
        }
    }
}
