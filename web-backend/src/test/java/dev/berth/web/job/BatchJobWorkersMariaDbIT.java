package dev.berth.web.job;

class BatchJobWorkersMariaDbIT extends BatchJobWorkersContract {

}
