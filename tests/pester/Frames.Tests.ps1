#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# Frames as a user drives them: ranges, filtered listings over several pages, restart and stop through the pipeline while
# the list is read, the render log and thumbnails. The emulator's clock stands still (-Speed 0) unless a test moves it.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    $script:emulator = Start-RbEmulator -Seed 6 -TaskCount 40 -Speed 0 -LargeTaskFrames 250 -Confirm:$false
    Connect-Renderbus -Emulator $script:emulator
    $script:big = Get-RbTask -Keyword bigshot
    $script:failedTask = $script:big | Where-Object Status -eq 'FinishedWithFailedFrames'
    $script:renderingTask = $script:big | Where-Object Status -eq 'Rendering'
    function script:Sent([string] $operation) {
        @($script:emulator.Requests | Where-Object Operation -eq $operation).Count
    }
}

AfterAll {
    Disconnect-Renderbus -Confirm:$false
    Stop-RbEmulator -Confirm:$false
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'ConvertFrom-RbFrameRange' {
    It 'expands a mixed range into ints' {
        $frames = ConvertFrom-RbFrameRange '1,20-30[2],494'
        $frames | Should -Be @(1, 20, 22, 24, 26, 28, 30, 494)
        $frames[0] | Should -BeOfType [int]
    }

    It 'takes ranges and numbers from the pipeline' {
        '1-3', '10' | ConvertFrom-RbFrameRange | Should -Be @(1, 2, 3, 10)
        ConvertFrom-RbFrameRange 7 | Should -Be 7
    }

    It 'reports a bad range with Rb.InvalidFrameRange and still expands the others' {
        $out = ConvertFrom-RbFrameRange '30-20', '5' -ErrorVariable bad -ErrorAction SilentlyContinue
        $out | Should -Be 5
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'Rb.InvalidFrameRange,*'
        $bad[0].Exception.Message | Should -Match 'write 20-30'
        $bad[0].TargetObject | Should -Be '30-20'
    }

    It 'refuses an absurd range without running out of memory' {
        ConvertFrom-RbFrameRange '1-100000000' -ErrorVariable bad -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'Rb.FrameRangeTooLarge,*'
    }
}

Describe 'Get-RbFrame -Status and Get-RbFrameSummary' {
    It 'filters a 250-frame task (three pages) by status' {
        $script:emulator.ClearRequests()
        $failed = Get-RbFrame -TaskId $script:failedTask.Id -Status Failed
        $failed.Count | Should -Be $script:failedTask.FailedFrames
        $failed | ForEach-Object { $_.Status | Should -Be 'Failed' }
        Sent 'queryTaskFrames' | Should -Be 3
    }

    It 'streams: -First stops reading once it has enough' {
        $script:emulator.ClearRequests()
        Get-RbFrame -TaskId $script:failedTask.Id -Status Failed -First 2 | Should -HaveCount 2
        Sent 'queryTaskFrames' | Should -Be 1
    }

    It 'counts the account''s frames by status' {
        $s = Get-RbFrameSummary
        $s | Should -BeOfType ([RenderbusPS.Core.Models.RbFrameSummary])
        $s.TotalFrames | Should -Be ((Get-RbTask | Measure-Object TotalFrames -Sum).Sum)
        ($s | Out-String) | Should -Match 'Waiting\s+Rendering\s+Done'
    }
}

Describe 'Stop-RbFrame' {
    It 'stops the waiting frames of a task in one request; the rendering ones go on' {
        $script:emulator.ClearRequests()
        $stopped = Stop-RbFrame -TaskId $script:renderingTask.Id -Status Waiting -PassThru -Confirm:$false
        Sent 'stopTaskFrames' | Should -Be 1
        $stopped | ForEach-Object { $_.Status | Should -Be 'Stopped' }
        (Get-RbFrame -TaskId $script:renderingTask.Id -Status Rendering).Count | Should -BeGreaterThan 0
        (Get-RbTask -Id $script:renderingTask.Id).Status | Should -Be 'Rendering'
    }

    It 'piped from a listing: stopping the last rendering frames ends the task' {
        Get-RbFrame -TaskId $script:renderingTask.Id -Status Rendering | Stop-RbFrame -Confirm:$false
        Get-RbFrame -TaskId $script:renderingTask.Id -Status Rendering, Waiting | Should -BeNullOrEmpty
        (Get-RbTask -Id $script:renderingTask.Id).Status | Should -Be 'FinishedWithStoppedFrames'
    }

    It '-WhatIf sends nothing' {
        $script:emulator.ClearRequests()
        Stop-RbFrame -TaskId $script:renderingTask.Id -All -WhatIf
        @($script:emulator.Requests).Count | Should -Be 0
    }
}

Describe 'Restart-RbFrame' {
    It '-WhatIf sends nothing and states the cost' {
        $script:emulator.ClearRequests()
        Get-RbFrame -TaskId $script:failedTask.Id -Status Failed | Restart-RbFrame -WhatIf
        Sent 'recommitTaskFrames' | Should -Be 0
        (Get-RbFrame -TaskId $script:failedTask.Id -Status Failed).Count | Should -Be $script:failedTask.FailedFrames
    }

    It 'restarts every failed frame of the list while it is read, once each, and the farm renders them again' {
        $before = Get-RbFrame -TaskId $script:failedTask.Id -Status Failed
        $script:emulator.ClearRequests()
        $restarted = Get-RbFrame -TaskId $script:failedTask.Id -Status Failed | Restart-RbFrame -PassThru
        Sent 'recommitTaskFrames' | Should -Be 1
        $restarted.Count | Should -Be $before.Count
        $restarted | ForEach-Object { $_.Status | Should -Be 'Waiting'; $_.RecommitCount | Should -Be 1 }
        (Get-RbTask -Id $script:failedTask.Id).Status | Should -Be 'Waiting'
        $script:emulator.Advance([TimeSpan]::FromHours(2))
        Get-RbFrame -TaskId $script:failedTask.Id -Status Failed | Should -BeNullOrEmpty
        (Get-RbTask -Id $script:failedTask.Id).Status | Should -Be 'Finished'
    }

    It 'resolves -FrameIndex through the frame labels and reports numbers no frame has' {
        $frames = Restart-RbFrame -TaskId $script:failedTask.Id -FrameIndex 6, '7-9[1]', '900' -PassThru -ErrorVariable bad -ErrorAction SilentlyContinue
        $frames.FrameIndex | Should -Be @('6', '7', '8', '9')
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'Rb.FrameNotFound,*'
        $bad[0].Exception.Message | Should -Match '900'
    }

    It 'gives each frame that cannot restart its own error while the others go ahead' {
        $waiting = Get-RbFrame -TaskId $script:failedTask.Id -Status Waiting -First 1
        $finished = Get-RbFrame -TaskId $script:failedTask.Id -Status Finished -First 1
        $out = $waiting, $finished | Restart-RbFrame -PassThru -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad | Should -HaveCount 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'Rb.Fail,*'
        $bad[0].TargetObject | Should -Be $waiting.FrameId
        $out.FrameId | Should -Be $finished.FrameId
    }

    It 'refuses a bad -FrameIndex with its error id and sends nothing that changes the farm' {
        $script:emulator.ClearRequests()
        Restart-RbFrame -TaskId $script:failedTask.Id -FrameIndex '9-7' -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'Rb.InvalidFrameRange,*'
        @($script:emulator.Requests).Count | Should -Be 0
    }
}

Describe 'Get-RbFrameLog' {
    It 'writes the log as strings that Select-String reads, numbered, over several pages' {
        # the first finished frame whose log spans more than one page
        foreach ($candidate in Get-RbFrame -TaskId $script:failedTask.Id -Status Finished -First 15) {
            $script:emulator.ClearRequests()
            $lines = $candidate | Get-RbFrameLog
            $frame = $candidate
            if ((Sent 'showLog') -gt 1) { break }
        }
        Sent 'showLog' | Should -BeGreaterThan 1
        $lines[0] | Should -BeOfType [string]
        $lines[1] | Should -Match "frame $($frame.FrameIndex) "
        $lines[-1].LineNumber | Should -Be $lines.Count
        $lines[0].FrameId | Should -Be $frame.FrameId
        ($lines | Select-String 'done in') | Should -HaveCount 1
    }

    It '-Tail returns only the last lines' {
        $frame = Get-RbFrame -TaskId $script:failedTask.Id -Status Finished -First 1
        $all = Get-RbFrameLog -FrameId $frame.FrameId
        Get-RbFrameLog -FrameId $frame.FrameId -Tail 3 | Should -Be ($all | Select-Object -Last 3)
        $script:emulator.ClearRequests()
        # refused once for the whole command, before any frame is read
        { $frame.FrameId, $frame.FrameId | Get-RbFrameLog -Tail 0 -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.InvalidTail*'
        @($script:emulator.Requests).Count | Should -Be 0
    }

    It 'writes nothing for a frame that has not started' {
        $stopped = Get-RbFrame -TaskId $script:renderingTask.Id -Status Stopped | Where-Object { -not $_.StartedAt } | Select-Object -First 1
        $stopped | Get-RbFrameLog | Should -BeNullOrEmpty
    }
}

Describe 'Get-RbFrameThumbnail' {
    It 'gives the thumbnail of finished frames and saves real images with -OutFile' {
        $dir = Join-Path ([System.IO.Path]::GetTempPath()) ("rbthumbs-" + [guid]::NewGuid())
        New-Item -ItemType Directory -Path $dir | Out-Null
        try {
            $thumbs = Get-RbFrame -TaskId $script:failedTask.Id -Status Finished -First 3 | Get-RbFrameThumbnail -OutFile $dir
            $thumbs | Should -HaveCount 3
            $thumbs | ForEach-Object {
                $_ | Should -BeOfType ([RenderbusPS.Core.Models.RbFrameThumbnail])
                $bytes = [System.IO.File]::ReadAllBytes($_.SavedTo)
                $bytes[1..3] | Should -Be @(0x50, 0x4E, 0x47)
            }
        }
        finally {
            Remove-Item -Recurse -Force $dir
        }
    }

    It 'reports a frame that is not finished as its own error' {
        $stopped = Get-RbFrame -TaskId $script:renderingTask.Id -Status Stopped -First 1
        $finished = Get-RbFrame -TaskId $script:failedTask.Id -Status Finished -First 1
        $out = $stopped, $finished | Get-RbFrameThumbnail -ErrorVariable bad -ErrorAction SilentlyContinue
        $out.FrameId | Should -Be $finished.FrameId
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'Rb.NoThumbnail,*'
        $bad[0].TargetObject | Should -Be $stopped.FrameId
    }
}
