using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;

namespace RenderbusPS.Emulator.Handlers
{
    internal static class FrameHandlers
    {
        public static void Register(IDictionary<RbOperation, EmuHandler> map)
        {
            map[RbCatalog.QueryTaskFrames] = QueryTaskFrames;
        }

        /// <summary>Frames of a task in render order; a parent task lists the frames of its sub-tasks.</summary>
        private static JsonNode QueryTaskFrames(EmuRequest r)
        {
            var id = r.ReqLong("taskId");
            if (!r.Store.ById.TryGetValue(id, out var task))
                throw new EmuError(RbCodes.ResourceNotFound, $"Task {id} does not exist.");
            var keyword = r.OptStr("searchKeyword")?.Trim();
            var frames = task.AllFrames()
                .Where(f => string.IsNullOrEmpty(keyword) || f.FrameIndex.IndexOf(keyword, StringComparison.OrdinalIgnoreCase) >= 0)
                .ToList();
            return r.Page(frames, f => f.ToJson(r.Store.Platform));
        }
    }
}
