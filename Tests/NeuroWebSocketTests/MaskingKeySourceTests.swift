import NIOWebSocket
import Testing

@testable import NeuroWebSocket

@Suite struct MaskingKeySourceTests {
    /// 1,000 keys span 16 refills of the 64-key buffer; 32-bit random keys collide among
    /// 1,000 with a chance of about 1 in 10,000, so at most one repeat is allowed.
    @Test func keysAcrossManyRefillsAreRandom() {
        let keys = (0..<1000).map { _ in MaskingKeySource.next() }
        let distinct = Set(keys.map { Array($0) })
        #expect(distinct.count >= 999)
        #expect(keys.allSatisfy { Array($0).count == 4 })
    }

    /// Each thread has its own buffer: keys drawn on several threads at once are still random.
    @Test func threadsDrawTheirOwnKeys() async {
        let perTask = await withTaskGroup(of: [[UInt8]].self) { group in
            for _ in 0..<4 {
                group.addTask { (0..<200).map { _ in Array(MaskingKeySource.next()) } }
            }
            return await group.reduce(into: [[UInt8]]()) { $0 += $1 }
        }
        #expect(perTask.count == 800)
        #expect(Set(perTask).count >= 799)
    }
}
