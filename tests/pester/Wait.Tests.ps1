#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# Wait-RbTask as a wrangler uses it, against an emulator whose farm renders fast enough to watch tasks end.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
}

AfterAll {
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'Wait-RbTask' {
    BeforeEach {
        # a fresh farm per test whose clock stands still until the test sets a speed
        $script:emulator = Start-RbEmulator -Seed 12 -TaskCount 400 -Speed 0 -Confirm:$false
        Connect-Renderbus -Emulator $script:emulator
    }

    AfterEach {
        Disconnect-Renderbus -Confirm:$false
        $script:emulator | Stop-RbEmulator -Confirm:$false
    }

    It 'waits until every piped task has ended and writes them with -PassThru' {
        $busy = @(Get-RbTask -Status Rendering, Waiting | Select-Object -First 12)
        $busy.Count | Should -Be 12
        $emulator.Speed = 1500
        $ended = @($busy | Wait-RbTask -PollInterval 0.5 -Timeout (New-TimeSpan -Minutes 2) -PassThru -ErrorAction Stop)
        ($ended.Id | Sort-Object) | Should -Be ($busy.Id | Sort-Object)
        $ended | ForEach-Object { $_.Status | Should -BeIn @('Finished', 'FinishedWithFailedFrames', 'Failed') }
        $ended | ForEach-Object { ($_.DoneFrames + $_.FailedFrames) | Should -Be $_.TotalFrames }
    }

    It 'polls a few hundred tasks 100 ids a call, several calls at once with -ThrottleLimit, and writes each once in the order given' {
        $tasks = @(Get-RbTask | Where-Object Status -notin 'Submitting', 'Analysing', 'Updating')
        $tasks.Count | Should -BeGreaterThan 250
        $emulator.ClearRequests()
        $emulator.Speed = 1500
        $ended = @($tasks | Wait-RbTask -ThrottleLimit 3 -PollInterval 0.5 -Timeout (New-TimeSpan -Minutes 2) -PassThru -ErrorAction Stop)
        $ended.Id | Should -Be $tasks.Id
        $polls = @($emulator.Requests | Where-Object Operation -eq 'queryTaskInfo')
        $polls | ForEach-Object { $_.IdCount | Should -BeLessOrEqual 100 }
        # the first poll reads every task once
        $calls = [Math]::Ceiling($tasks.Count / 100)
        ($polls | Select-Object -First $calls | Measure-Object -Sum IdCount).Sum | Should -Be $tasks.Count
    }

    It 'returns at the first task that ends with -Any while the others still render' {
        $rendering = @(Get-RbTask -Status Rendering | Select-Object -First 15)
        $emulator.Speed = 100
        $first = @($rendering | Wait-RbTask -Any -PollInterval 0.5 -Timeout (New-TimeSpan -Minutes 2) -PassThru -ErrorAction Stop)
        $emulator.Speed = 0
        $first.Count | Should -BeGreaterThan 0
        $first.Count | Should -BeLessThan $rendering.Count
        $stillGoing = @(Get-RbTask -Id $rendering.Id | Where-Object Status -in 'Rendering', 'Waiting')
        $stillGoing.Count | Should -BeGreaterThan 0
    }

    It 'writes one Rb.WaitTimeout error per unfinished task when the time-out passes' {
        $two = @(Get-RbTask -Status Rendering | Select-Object -First 2)
        $started = Get-Date
        $ended = $two | Wait-RbTask -Timeout (New-TimeSpan -Seconds 1) -PollInterval 0.5 -PassThru -ErrorVariable waitErrors -ErrorAction SilentlyContinue
        ((Get-Date) - $started).TotalSeconds | Should -BeLessThan 10
        $ended | Should -BeNullOrEmpty
        $waitErrors.Count | Should -Be 2
        $waitErrors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'Rb.WaitTimeout*' }
        $waitErrors | ForEach-Object { $_.CategoryInfo.Category | Should -Be 'OperationTimeout' }
        ($waitErrors.TargetObject | Sort-Object) | Should -Be ($two.Id | Sort-Object)
    }

    It 'shows a progress bar per task under a parent bar' {
        $three = @(Get-RbTask -Status Rendering | Select-Object -First 3)
        $ps = [PowerShell]::Create()
        $null = $ps.AddCommand('Import-Module').AddParameter('Name', (Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1')).AddStatement()
        $null = $ps.AddScript('param($e, $ids) Connect-Renderbus -Emulator $e; Wait-RbTask -Id $ids -Timeout ([timespan]::FromSeconds(1.2)) -PollInterval 0.5 -ErrorAction SilentlyContinue').AddArgument($emulator).AddArgument($three.Id)
        $null = $ps.Invoke()
        $records = @($ps.Streams.Progress)
        $ps.Dispose()
        $parent = @($records | Where-Object { $_.ParentActivityId -lt 0 })
        $children = @($records | Where-Object { $_.ParentActivityId -eq 1 })
        $parent.Count | Should -BeGreaterThan 0
        @($children.ActivityId | Sort-Object -Unique).Count | Should -Be 3
        $children | Where-Object RecordType -eq 'Processing' | ForEach-Object { $_.StatusDescription | Should -Match 'frames done' }
    }

    It 'stops promptly on Ctrl+C in the middle of a long wait' {
        $one = Get-RbTask -Status Rendering -First 1
        $ps = [PowerShell]::Create()
        $null = $ps.AddCommand('Import-Module').AddParameter('Name', (Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1')).AddStatement()
        $null = $ps.AddScript('param($e, $id) Connect-Renderbus -Emulator $e; Wait-RbTask -Id $id -PollInterval 60').AddArgument($emulator).AddArgument($one.Id)
        $async = $ps.BeginInvoke()
        # wait until the first poll has been answered: Wait-RbTask is now sleeping a minute until the next one
        $deadline = (Get-Date).AddSeconds(20)
        while (-not ($emulator.Requests | Where-Object Operation -eq 'queryTaskInfo') -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
        Start-Sleep -Milliseconds 300
        $async.IsCompleted | Should -BeFalse
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $async.AsyncWaitHandle.WaitOne([timespan]::FromSeconds(3)) | Should -BeTrue
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
    }

    It 'ends with an Rb error naming the failure when the farm cannot be read, not with a crash' {
        $two = @(Get-RbTask -Status Rendering | Select-Object -First 2)
        # more failures than the client's retries: every poll fails
        $emulator.Faults.FailNext(20, 500)
        { $two | Wait-RbTask -PollInterval 0.5 -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.InternalError*'
        $emulator.Faults.Clear()
    }

    It 'refuses a poll interval under half a second before asking the farm anything' {
        $before = $emulator.RequestCount
        { Wait-RbTask -Id 1 -PollInterval 0.1 -ErrorAction Stop } | Should -Throw -ErrorId 'Rb.InvalidPollInterval*'
        $emulator.RequestCount | Should -Be $before
    }

    It 'reports an id the account does not have once and waits for the rest' {
        $one = Get-RbTask -Status Stopped -First 1
        $ended = Wait-RbTask -Id $one.Id, 999999999 -PassThru -PollInterval 0.5 -ErrorVariable missing -ErrorAction SilentlyContinue
        $ended.Id | Should -Be $one.Id
        $missing.Count | Should -Be 1
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'Rb.TaskNotFound*'
    }
}
