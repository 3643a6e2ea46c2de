#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# Listings read ahead with several requests in flight: the same tasks in the same order as one page at a time,
# -First/-Skip asking only for the pages they need, faults retried without a gap, and -ThrottleLimit checked.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    $script:farm = Start-RbEmulator -Seed 21 -TaskCount 10000 -LargeTaskFrames 450 -Speed 0 -Confirm:$false
    Connect-Renderbus -Emulator $script:farm
    # one page at a time: the order the service gives
    $script:sequential = @(Get-RbTask -ThrottleLimit 1)

    function Get-ListCalls([string] $Operation = 'getTaskList') {
        @($script:farm.Requests | Where-Object Operation -eq $Operation).Count
    }
}

AfterAll {
    Disconnect-Renderbus -Confirm:$false
    $script:farm | Stop-RbEmulator -Confirm:$false
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'Get-RbTask -ThrottleLimit' {
    It 'lists the same tasks in the same order with <_> requests in flight, each page asked for once' -ForEach 2, 4, 16 {
        $script:farm.ClearRequests()
        $tasks = @(Get-RbTask -ThrottleLimit $_)
        $script:sequential.Count | Should -BeGreaterThan 9000
        ($tasks.Id -join ',') | Should -Be ($script:sequential.Id -join ',')
        Get-ListCalls | Should -Be ([math]::Ceiling($script:sequential.Count / 100))
    }

    It 'takes the session''s limit from Connect-Renderbus -ThrottleLimit' {
        $session = Connect-Renderbus -Emulator $script:farm -ThrottleLimit 7 -PassThru
        try {
            $session.ThrottleLimit | Should -Be 7
            (Get-RbSession).ThrottleLimit | Should -Be 7
            $script:farm.ClearRequests()
            (@(Get-RbTask -Session $session -Status Rendering).Id -join ',') |
                Should -Be (@($script:sequential | Where-Object Status -eq 'Rendering').Id -join ',')
        }
        finally {
            Disconnect-Renderbus -Session $session -Confirm:$false
            Connect-Renderbus -Emulator $script:farm
        }
        (Get-RbSession).ThrottleLimit | Should -Be 4
    }

    It 'asks only for the pages -Skip 130 -First 250 needs' {
        $script:farm.ClearRequests()
        $tasks = Get-RbTask -Skip 130 -First 250 -ThrottleLimit 8
        ($tasks.Id -join ',') | Should -Be (($script:sequential | Select-Object -Skip 130 -First 250).Id -join ',')
        Get-ListCalls | Should -Be 3
    }

    It 'stops reading when Select-Object -First has enough' {
        $script:farm.ClearRequests()
        $tasks = Get-RbTask -ThrottleLimit 4 | Select-Object -First 5
        $tasks.Count | Should -Be 5
        # the first page, and at most the pages read ahead while it was written
        Get-ListCalls | Should -BeLessOrEqual 5
    }

    It 'refuses -ThrottleLimit <_> before sending anything' -ForEach 0, 33 {
        # the pages an earlier test's Select-Object -First left in flight are logged once the emulator has answered them
        Start-Sleep -Milliseconds 500
        $script:farm.ClearRequests()
        { Get-RbTask -ThrottleLimit $_ -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,RenderbusPS.Commands.Tasks.GetRbTaskCommand'
        { Connect-Renderbus -Emulator $script:farm -ThrottleLimit $_ } | Should -Throw -ErrorId 'ParameterArgumentValidationError,RenderbusPS.Commands.Account.ConnectRenderbusCommand'
        Get-ListCalls | Should -Be 0
    }

    It 'retries pages that fail at random and writes every task once, in order' {
        $random = [System.Random]::new(7)
        foreach ($after in 1..5 | ForEach-Object { $random.Next(1, 90) } | Sort-Object -Unique) {
            $fault = [RenderbusPS.Emulator.Faults.RbFault]::new()
            $fault.Operation = 'getTaskList'
            $fault.After = $after
            $fault.HttpStatus = 503
            $null = $script:farm.Faults.Add($fault)
        }
        try {
            # a failure from deep in the transport says little without its stack
            $tasks = try { @(Get-RbTask -ThrottleLimit 4 -Verbose 4>&1) }
            catch { Write-Host $_.Exception.ToString(); throw }
            $verbose = @($tasks | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
            $tasks = @($tasks | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
            ($tasks.Id -join ',') | Should -Be ($script:sequential.Id -join ',')
            $verbose.Message | Where-Object { $_ -like '*struggled*' } | Should -Not -BeNullOrEmpty
        }
        finally {
            $script:farm.Faults.Clear()
        }
    }

    It 'stops with one error, after an exact prefix, when a page fails for good' {
        $session = Connect-Renderbus -Emulator $script:farm -MaxRetries 0 -PassThru
        $fault = [RenderbusPS.Emulator.Faults.RbFault]::new()
        $fault.Operation = 'getTaskList'
        $fault.After = 20
        $fault.HttpStatus = 502
        $null = $script:farm.Faults.Add($fault)
        try {
            $tasks = @(Get-RbTask -Session $session -ThrottleLimit 4 -ErrorVariable failed -ErrorAction SilentlyContinue)
            @($failed).Count | Should -Be 1
            $tasks.Count % 100 | Should -Be 0
            $tasks.Count | Should -BeGreaterThan 0
            ($tasks.Id -join ',') | Should -Be (($script:sequential | Select-Object -First $tasks.Count).Id -join ',')
        }
        finally {
            $script:farm.Faults.Clear()
            Disconnect-Renderbus -Session $session -Confirm:$false
            Connect-Renderbus -Emulator $script:farm
        }
    }

    It 'stops promptly on Ctrl+C while pages read ahead are in flight' {
        $session = Connect-Renderbus -Emulator $script:farm -PassThru
        # every answer takes 5 s, so a Stop that waited for the pages in flight would take seconds, far over the bound below
        $script:farm.Faults.Delay = [timespan]::FromSeconds(5)
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("param(`$s) Import-Module '$((Get-Module RenderbusPS).Path)'; Get-RbTask -Session `$s -ThrottleLimit 4").AddArgument($session)
            $async = $ps.BeginInvoke()
            # the first page takes 5 s; then four pages are in flight
            Start-Sleep -Milliseconds 6500
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 2.5
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally {
            $script:farm.Faults.Delay = [timespan]::Zero
            $ps.Dispose()
            Disconnect-Renderbus -Session $session -Confirm:$false
            Connect-Renderbus -Emulator $script:farm
        }
    }
}

Describe 'Other listings read ahead' {
    It 'Get-RbFrame writes the frames of a large task in the same order at any limit, and -First asks for one page' {
        $big = Get-RbTask -ThrottleLimit 1 | Sort-Object TotalFrames -Descending | Select-Object -First 1
        $one = @($big | Get-RbFrame -ThrottleLimit 1)
        $one.Count | Should -BeGreaterThan 400
        $script:farm.ClearRequests()
        $four = @($big | Get-RbFrame -ThrottleLimit 4)
        ($four.FrameId -join ',') | Should -Be ($one.FrameId -join ',')
        Get-ListCalls 'queryTaskFrames' | Should -Be ([math]::Ceiling($one.Count / 100))
        $script:farm.ClearRequests()
        ($big | Get-RbFrame -Skip 150 -First 20 -ThrottleLimit 4).FrameId -join ',' | Should -Be (($one | Select-Object -Skip 150 -First 20).FrameId -join ',')
        Get-ListCalls 'queryTaskFrames' | Should -Be 1
    }

    It 'Get-RbOperationLog gives the same records at any limit' {
        # the emulator records what this session did; give it a few pages of records
        Get-RbTask -Status Stopped -First 12 -ThrottleLimit 1 | ForEach-Object { $_ | Start-RbTask -Confirm:$false }
        $one = @(Get-RbOperationLog -ThrottleLimit 1 -PageSize 2)
        $one.Count | Should -BeGreaterThan 11
        $four = @(Get-RbOperationLog -ThrottleLimit 4 -PageSize 2)
        ($four | ForEach-Object { "$($_.Time)/$($_.Action)/$($_.Details)" }) -join ',' |
            Should -Be (($one | ForEach-Object { "$($_.Time)/$($_.Action)/$($_.Details)" }) -join ',')
    }
}
